"""The package releases the GIL while it reads captures: another Python thread keeps running."""

import threading
import time

import flowclass


def test_another_thread_runs_while_classify_works():
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(time.monotonic())
            time.sleep(0.001)

    ticker = threading.Thread(target=tick)
    ticker.start()
    try:
        started = time.monotonic()
        table = flowclass.classify("datasets")
        ended = time.monotonic()
    finally:
        stop.set()
        ticker.join()
    assert table.num_rows > 10000
    assert ended - started > 0.3, "the call is long enough to tell"
    # Ticks in the middle of the call: with the GIL held through it there would be none (the
    # ticker could not run a single bytecode until the call returned).
    during = [t for t in ticks if started + 0.1 < t < ended - 0.1]
    assert len(during) > 20, f"{len(during)} ticks in {ended - started:.2f} s"

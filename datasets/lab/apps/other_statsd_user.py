#!/usr/bin/env python3
"""A service instrumented with StatsD (the `statsd` client library): for SECONDS it handles
"requests" (counters, timers, gauges, sets) and sends each metric as it happens, or in pipelines
(one datagram per batch, as clients that buffer do).

    other_statsd_user.py HOST PORT SECONDS SEED [--pipeline] [--ipv6]
"""
import argparse
import random
import time

import statsd


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("host")
    ap.add_argument("port", type=int)
    ap.add_argument("seconds", type=float)
    ap.add_argument("seed")
    ap.add_argument("--pipeline", action="store_true")
    ap.add_argument("--ipv6", action="store_true")
    a = ap.parse_args()
    r = random.Random(a.seed)
    client = statsd.StatsClient(a.host, a.port, prefix=r.choice(("api", "web", "worker", "billing")), ipv6=a.ipv6)
    endpoints = ["login", "search", "cart", "checkout", "profile", "feed"]
    end = time.monotonic() + a.seconds
    while time.monotonic() < end:
        sink = client.pipeline() if a.pipeline else client
        for _ in range(r.randint(1, 12) if a.pipeline else 1):
            ep = r.choice(endpoints)
            sink.incr(f"requests.{ep}")
            sink.timing(f"latency.{ep}", r.lognormvariate(3, 0.6))
            if r.random() < 0.2:
                sink.incr(f"errors.{ep}.{r.choice((500, 502, 404))}")
            if r.random() < 0.3:
                sink.gauge("queue.depth", r.randint(0, 200))
            if r.random() < 0.2:
                sink.set("users.active", f"u{r.randint(1, 500)}")
        if a.pipeline:
            sink.send()
        time.sleep(r.expovariate(4 if not a.pipeline else 1))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""VNC viewers for the VNC scenarios (vncdotool's API): USERS viewers for DURATION s; a session
connects (no authentication), asks for framebuffer updates like a viewer does (every 0.1-1 s), moves
the mouse, clicks and types into the xterm now and then, takes a screenshot or two, and disconnects
after 8-50 s; the next one starts 1-6 s later.

    other_vnc_client.py --server HOST::PORT --seed N --users 2 --duration 60 --tmp DIR
"""
import argparse
import os
import random
import threading
import time

from vncdotool import api


def session(args, rnd, uid):
    c = api.connect(args.server, timeout=30)
    try:
        c.refreshScreen()
        stop = time.time() + rnd.uniform(8, 50)
        while time.time() < stop:
            op = rnd.random()
            if op < 0.5:
                c.refreshScreen(incremental=True)
            elif op < 0.75:
                c.mouseMove(rnd.randint(0, 1000), rnd.randint(0, 700))
            elif op < 0.85:
                c.mousePress(1)
            elif op < 0.97:
                for ch in rnd.choice(["ls -la", "date", "uptime", "echo hi", "ps", "df -h"]):
                    c.keyPress(ch)
                c.keyPress("enter")
            else:
                c.captureScreen(os.path.join(args.tmp, f"shot{uid}.png"))
            time.sleep(rnd.uniform(0.1, 1.0))
    finally:
        c.disconnect()


def user(args, uid):
    rnd = random.Random(f"{args.seed}/{uid}")
    end = time.time() + args.duration
    time.sleep(rnd.uniform(0, 3))
    while time.time() < end:
        try:
            session(args, rnd, uid)
        except Exception:  # vncdotool raises plain Exceptions and Twisted failures
            time.sleep(1)
        time.sleep(rnd.uniform(1, 6))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--users", type=int, default=2)
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--tmp", default="/tmp")
    args = ap.parse_args()
    ts = [threading.Thread(target=user, args=(args, u)) for u in range(args.users)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    api.shutdown()


if __name__ == "__main__":
    main()

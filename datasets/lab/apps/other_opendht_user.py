#!/usr/bin/env python3
"""The commands a user types into `dhtnode` (OpenDHT's node runner, which reads them on stdin) for
SECONDS, paced, then `x` (stop the node): gets of keys out of a key space all users share, puts of
text values under them, a listen on one or two keys (the node then refreshes that listen at the
nodes nearest the key), and with --signed (dhtnode -i: an identity) signed puts.

    other_opendht_user.py SEED SECONDS [--keys N] [--gap LO HI] [--signed]

Output goes to dhtnode's stdin: python3 other_opendht_user.py ... | dhtnode -p PORT -b BOOT
"""
import argparse
import random
import sys
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("seed")
    ap.add_argument("seconds", type=float)
    ap.add_argument("--keys", type=int, default=40)
    ap.add_argument("--gap", type=float, nargs=2, default=(1.0, 8.0))
    ap.add_argument("--signed", action="store_true")
    a = ap.parse_args()
    r = random.Random(a.seed)
    end = time.monotonic() + a.seconds

    def key():
        return "%s-%d" % (r.choice(("room", "user", "file", "svc")), r.randint(1, a.keys))

    def say(line):
        sys.stdout.write(line + "\n")
        sys.stdout.flush()

    time.sleep(r.uniform(1.0, 3.0))   # let the node bootstrap first
    listens = r.randint(0, 2)
    while time.monotonic() < end:
        v = r.random()
        if listens and v < 0.08:
            say("l " + key())
            listens -= 1
        elif v < 0.35:
            text = "".join(r.choice("abcdefghijklmnopqrstuvwxyz0123456789 ") for _ in range(r.randint(4, 200)))
            say(("s " if a.signed and r.random() < 0.5 else "p ") + key() + " " + text.strip().replace(" ", "_"))
        else:
            say("g " + key())
        time.sleep(min(r.uniform(*a.gap), max(0.0, end - time.monotonic())))
    say("x")
    time.sleep(0.5)


if __name__ == "__main__":
    main()

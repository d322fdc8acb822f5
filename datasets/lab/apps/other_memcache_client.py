#!/usr/bin/env python3
"""memcached application clients (pymemcache, text protocol): USERS users for DURATION s, each
running sessions with think times: a web app's read-through cache (get, set on a miss, 100 B -
20 kB JSON values), session stores (gets/cas), counters (incr), multi-gets of 5-40 keys.

    other_memcache_client.py --host H --port P --seed N --users 4 --duration 60
"""
import argparse
import random
import threading
import time

from pymemcache.client.base import Client
from pymemcache.exceptions import MemcacheError


def page(rnd, size):
    """A cached fragment of about SIZE bytes: JSON-ish text, as web apps cache."""
    item = '{"id": %d, "name": "item %d", "tags": ["a", "b"], "price": %d.%02d}' % (
        rnd.randint(1, 9999), rnd.randint(1, 9999), rnd.randint(1, 500), rnd.randint(0, 99))
    return ("[" + ", ".join([item] * (size // len(item) + 1)) + "]")[:size]


def session(client, rnd, end):
    for _ in range(rnd.randint(5, 80)):
        if time.time() > end:
            return
        op = rnd.random()
        key = f"obj:{rnd.randint(1, 400)}"
        if op < 0.55:
            if client.get(key) is None:
                client.set(key, page(rnd, rnd.choice([100, 700, 4000, 20000])), expire=rnd.randint(10, 120))
        elif op < 0.7:
            client.get_many([f"obj:{rnd.randint(1, 400)}" for _ in range(rnd.randint(5, 40))])
        elif op < 0.85:
            val, cas = client.gets(f"sess:{rnd.randint(1, 50)}")
            new = page(rnd, rnd.randint(50, 900))
            if cas is None:
                client.set(f"sess:{rnd.randint(1, 50)}", new)
            else:
                client.cas(f"sess:{rnd.randint(1, 50)}", new, cas)
        else:
            if client.incr("counter", 1) is None:
                client.set("counter", "1")
        time.sleep(rnd.uniform(0.02, 1.2))


def user(args, uid):
    rnd = random.Random(f"{args.seed}/{uid}")
    end = time.time() + args.duration
    time.sleep(rnd.uniform(0, 3))
    while time.time() < end:
        c = Client((args.host, args.port), connect_timeout=10, timeout=30)
        try:
            session(c, rnd, end)
        except (MemcacheError, OSError):
            time.sleep(1)
        finally:
            c.close()
        time.sleep(rnd.uniform(0.5, 6))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", required=True)
    ap.add_argument("--port", type=int, default=11211)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--users", type=int, default=4)
    ap.add_argument("--duration", type=float, default=60)
    args = ap.parse_args()
    ts = [threading.Thread(target=user, args=(args, u)) for u in range(args.users)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


if __name__ == "__main__":
    main()

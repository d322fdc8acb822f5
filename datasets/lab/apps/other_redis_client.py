#!/usr/bin/env python3
"""Redis application clients for the lab's redis scenarios (redis-py): USERS concurrent users for
DURATION s, each running sessions one after the other with think times:

* cache: a web app's cache look-ups (GET, on a miss SET with a TTL, 200 B - 20 kB values),
  HINCRBY counters, one connection per session, 0.05-1.5 s between requests;
* queue: a worker doing BRPOP on a job list while a producer LPUSHes jobs;
* pipeline: a batch loader writing 200-2000 keys through pipelines;
* pubsub: a subscriber listening on a channel for 10-40 s while a publisher posts events (not
  with --tls, see user()).

    other_redis_client.py --host H --port P --seed N --users 4 --duration 60 [--tls CA]
"""
import argparse
import random
import threading
import time

import redis


def connect(args):
    kw = dict(host=args.host, port=args.port, socket_timeout=30)
    if args.tls:
        kw.update(ssl=True, ssl_ca_certs=args.tls)
    return redis.Redis(**kw)


def cache(args, rnd, end):
    r = connect(args)
    for _ in range(rnd.randint(10, 120)):
        if time.time() > end:
            break
        key = f"page:{rnd.randint(1, 300)}"
        if r.get(key) is None:
            r.set(key, rnd.randbytes(rnd.choice([200, 800, 3000, 20000])), ex=rnd.randint(5, 60))
        r.hincrby("hits", key, 1)
        time.sleep(rnd.uniform(0.05, 1.5))
    r.close()


def queue(args, rnd, end):
    r, p = connect(args), connect(args)
    name = f"jobs:{rnd.randint(1, 1000)}"

    def produce():
        for i in range(rnd.randint(5, 30)):
            p.lpush(name, f"job {i} " + "x" * rnd.randint(10, 400))
            time.sleep(rnd.uniform(0.2, 2.0))
    t = threading.Thread(target=produce)
    t.start()
    while r.brpop(name, timeout=3) is not None and time.time() < end:
        time.sleep(rnd.uniform(0.05, 0.5))
    t.join()
    r.close()
    p.close()


def pipeline(args, rnd, end):
    r = connect(args)
    n = rnd.randint(200, 2000)
    pipe = r.pipeline(transaction=False)
    for i in range(n):
        pipe.set(f"bulk:{rnd.randint(1, 10**6)}", rnd.randbytes(rnd.randint(20, 600)))
        if i % 100 == 99:
            pipe.execute()
    pipe.execute()
    r.close()


def pubsub(args, rnd, end):
    r, p = connect(args), connect(args)
    ch = f"events:{rnd.randint(1, 5)}"
    ps = r.pubsub()
    ps.subscribe(ch)
    stop = time.time() + rnd.uniform(10, 40)
    while time.time() < min(stop, end):
        p.publish(ch, "event " + "y" * rnd.randint(20, 300))
        ps.get_message(timeout=rnd.uniform(0.3, 3))
    ps.close()
    r.close()
    p.close()


def user(args, uid):
    rnd = random.Random(f"{args.seed}/{uid}")
    end = time.time() + args.duration
    time.sleep(rnd.uniform(0, 3))
    while time.time() < end:
        try:
            # redis-py 4.3's pub/sub over TLS polls without pause (~1000 packets/s per connection,
            # a capture of 90 MB in a minute): TLS runs leave pub/sub out
            kinds = [cache, cache, cache, queue, pipeline] + ([] if args.tls else [pubsub])
            rnd.choice(kinds)(args, rnd, end)
        except (redis.RedisError, OSError):
            time.sleep(1)
        time.sleep(rnd.uniform(0.5, 5))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", required=True)
    ap.add_argument("--port", type=int, default=6379)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--users", type=int, default=4)
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--tls")
    args = ap.parse_args()
    ts = [threading.Thread(target=user, args=(args, u)) for u in range(args.users)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


if __name__ == "__main__":
    main()

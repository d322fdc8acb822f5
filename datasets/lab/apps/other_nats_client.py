#!/usr/bin/env python3
"""NATS clients for the lab's nats scenarios (nats-py, PyPI): USERS users for DURATION s, each
running sessions one after the other, one connection per session:

* pubsub: a subscriber on `events.<n>` and a publisher posting 5-60 events (40 B - 6 kB)
  0.02-0.8 s apart, on one connection;
* service: a responder on `svc.price.<n>` and 3-30 requests to it (request/reply through the
  server);
* burst: 50-1500 small messages published as fast as the connection allows, then a flush.

    other_nats_client.py --server nats://H:P --seed N --users 4 --duration 60 [--tls CA]
"""
import argparse
import asyncio
import random
import ssl
import time

import nats


async def connect(args):
    kw = {}
    if args.tls:
        kw["tls"] = ssl.create_default_context(cafile=args.tls)
        kw["tls_hostname"] = "lab.test"
    return await nats.connect(args.server, allow_reconnect=False, connect_timeout=20, **kw)


async def pubsub(args, rnd, end):
    nc = await connect(args)
    got = []
    subj = f"events.{rnd.randint(1, 5)}"

    async def receive(msg):
        got.append(len(msg.data))
    sub = await nc.subscribe(subj, cb=receive)
    for i in range(rnd.randint(5, 60)):
        if time.time() > end:
            break
        await nc.publish(subj, b"e" * rnd.choice([40, 300, 1200, 6000]))
        await asyncio.sleep(rnd.uniform(0.02, 0.8))
    await sub.unsubscribe()
    await nc.drain()


async def service(args, rnd, end):
    nc = await connect(args)
    subj = f"svc.price.{rnd.randint(1, 1000)}"

    async def answer(msg):
        await msg.respond(b"price " + b"9" * rnd.randint(5, 2000))
    await nc.subscribe(subj, cb=answer)
    for _ in range(rnd.randint(3, 30)):
        if time.time() > end:
            break
        await nc.request(subj, b"item " + str(rnd.randint(1, 10**6)).encode(), timeout=10)
        await asyncio.sleep(rnd.uniform(0.05, 1.0))
    await nc.drain()


async def burst(args, rnd, end):
    nc = await connect(args)
    for i in range(rnd.randint(50, 1500)):
        await nc.publish(f"metrics.{i % 7}", b"m" * rnd.randint(10, 200))
    await nc.flush()
    await nc.close()


async def user(args, n):
    rnd = random.Random(f"{args.seed}/{n}")
    end = time.time() + args.duration
    await asyncio.sleep(rnd.uniform(0, 3))
    while time.time() < end:
        await rnd.choices([pubsub, service, burst], [4, 4, 1])[0](args, rnd, end)
        await asyncio.sleep(rnd.uniform(0.3, 2.5))


async def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--server", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--users", type=int, default=4)
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--tls", help="CA file: connect with TLS")
    args = ap.parse_args()
    await asyncio.gather(*(user(args, n) for n in range(args.users)))


if __name__ == "__main__":
    asyncio.run(main())

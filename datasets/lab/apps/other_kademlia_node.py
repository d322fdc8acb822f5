#!/usr/bin/env python3
"""One Kademlia DHT node (PyPI `kademlia`: asyncio, RPCs over `rpcudp` datagrams of msgpack) for
SECONDS: it listens on ADDR:PORT, bootstraps from the given lab nodes (ping, then a find_node crawl
for its own id), then, every few seconds, looks a key up (find_value crawl) or stores one (find_node
crawl, then store at the k nearest nodes) out of a key space shared by all nodes, as an application
on a DHT does (a name service, a file index).  It answers the other nodes' RPCs meanwhile, and when
it leaves it just stops answering (as a node that goes away does).

    other_kademlia_node.py ADDR PORT SECONDS SEED [--boot ADDR:PORT ...] [--keys N] [--gap LO HI]
                           [--store-share F]

ADDR may be an IPv6 address (then so are the bootstrap addresses, "[ADDR]:PORT").
"""
import argparse
import asyncio
import logging
import random
import sys
import time

from kademlia.network import Server


def parse_peer(s):
    host, _, port = s.rpartition(":")
    return host.strip("[]"), int(port)


async def run(a):
    r = random.Random(a.seed)
    node = Server(ksize=8, alpha=3)
    await node.listen(a.port, interface=a.addr)
    end = time.monotonic() + a.seconds
    boot = [parse_peer(b) for b in a.boot]
    r.shuffle(boot)
    found = await node.bootstrap(boot[:3]) if boot else []
    log = logging.getLogger("node")
    log.info("bootstrapped from %s: %d nodes", boot[:3], len(found))
    gets = sets = hits = 0
    while time.monotonic() < end:
        await asyncio.sleep(min(r.uniform(*a.gap), max(0.0, end - time.monotonic())))
        if time.monotonic() >= end:
            break
        key = "%s/%d" % (r.choice(("file", "user", "chan", "peer")), r.randint(1, a.keys))
        try:
            if r.random() < a.store_share:
                value = "%s@%s:%d %s" % (key, a.addr, a.port, "".join(r.choice("0123456789abcdef") for _ in range(r.randint(8, 120))))
                ok = await asyncio.wait_for(node.set(key, value), 30)
                sets += 1
                log.info("set %s -> %s", key, ok)
            else:
                value = await asyncio.wait_for(node.get(key), 30)
                gets += 1
                hits += value is not None
                log.info("get %s -> %s", key, "hit" if value is not None else "miss")
        except asyncio.TimeoutError:
            log.info("lookup of %s timed out", key)
        if r.random() < 0.05 and not node.bootstrappable_neighbors():
            await node.bootstrap(boot[:3])   # lost every contact: back to the bootstrap nodes
    log.info("leaving: %d gets (%d hits), %d sets", gets, hits, sets)
    node.stop()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("addr")
    ap.add_argument("port", type=int)
    ap.add_argument("seconds", type=float)
    ap.add_argument("seed")
    ap.add_argument("--boot", nargs="*", default=[])
    ap.add_argument("--keys", type=int, default=40)
    ap.add_argument("--gap", type=float, nargs=2, default=(1.0, 8.0))
    ap.add_argument("--store-share", type=float, default=0.3)
    a = ap.parse_args()
    logging.basicConfig(level=logging.INFO, stream=sys.stdout,
                        format="%(asctime)s " + "%s:%d " % (a.addr, a.port) + "%(name)s %(message)s")
    logging.getLogger("kademlia").setLevel(logging.WARNING)
    logging.getLogger("rpcudp").setLevel(logging.WARNING)
    asyncio.run(run(a))


if __name__ == "__main__":
    main()

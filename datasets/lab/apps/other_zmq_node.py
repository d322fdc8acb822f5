#!/usr/bin/env python3
"""ZeroMQ (pyzmq / libzmq) server and clients for the lab's zeromq scenarios.

server: a ROUTER answering requests on PORT (echo-like replies of 20 B - 30 kB, after 1-60 ms
of "work") and a PUB socket on PORT+1 publishing ticks on 4 topics every 20-500 ms.
client: USERS users for DURATION s, each running sessions one after the other, a new socket
(and TCP connection) per session: a REQ client sending 3-30 requests with think times, a DEALER
keeping 1-8 requests in flight, or a SUB listening to 1-2 topics for 2-10 s.

With --curve KEYDIR both sides use CurveZMQ (the server writes its public key to KEYDIR).

    other_zmq_node.py server --host H --port P --seed N --duration S [--curve DIR]
    other_zmq_node.py client --host H --port P --seed N --users 4 --duration S [--curve DIR]
"""
import argparse
import random
import time
from functools import partial
from pathlib import Path

import zmq

from other_users import add_user_args, run_users

TOPICS = [b"quotes", b"trades", b"health", b"news"]


def endpoint(host, port):
    return f"tcp://[{host}]:{port}" if ":" in host else f"tcp://{host}:{port}"


def server_keys(args):
    """CurveZMQ: the server's key pair, its public key written to KEYDIR/server.pub for the
    clients; None without --curve."""
    if not args.curve:
        return None
    pub, sec = zmq.curve_keypair()
    (Path(args.curve) / "server.pub").write_bytes(pub)
    return pub, sec


def secure_client(sock, args):
    """CurveZMQ on a client SOCK: the server's public key and a fresh key pair of its own."""
    if args.curve:
        sock.curve_serverkey = (Path(args.curve) / "server.pub").read_bytes()
        sock.curve_publickey, sock.curve_secretkey = zmq.curve_keypair()


def server(args):
    ctx = zmq.Context()
    rnd = random.Random(f"{args.seed}/server")
    router = ctx.socket(zmq.ROUTER)
    pub = ctx.socket(zmq.PUB)
    keys = server_keys(args)
    for s in (router, pub):
        s.setsockopt(zmq.IPV6, 1)
        if keys:
            s.curve_server = True
            s.curve_publickey, s.curve_secretkey = keys
    router.bind(endpoint(args.host, args.port))
    pub.bind(endpoint(args.host, args.port + 1))
    poller = zmq.Poller()
    poller.register(router, zmq.POLLIN)
    end = time.time() + args.duration
    next_tick = time.time()
    while time.time() < end:
        if dict(poller.poll(20)).get(router):
            frames = router.recv_multipart()
            time.sleep(rnd.uniform(0.001, 0.06))
            router.send_multipart(frames[:-1] + [b"r" * rnd.choice([20, 200, 1500, 30000])])
        if time.time() >= next_tick:
            pub.send_multipart([rnd.choice(TOPICS), b"t" * rnd.randint(30, 800)])
            next_tick = time.time() + rnd.uniform(0.02, 0.5)


def client_socket(ctx, args, kind, port, timeout_ms):
    s = ctx.socket(kind)
    s.setsockopt(zmq.IPV6, 1)
    s.setsockopt(zmq.LINGER, 0)
    s.setsockopt(zmq.RCVTIMEO, timeout_ms)
    secure_client(s, args)
    s.connect(endpoint(args.host, port))
    return s


def req_session(ctx, args, rnd, end):
    s = client_socket(ctx, args, zmq.REQ, args.port, 15000)
    for i in range(rnd.randint(3, 30)):
        if time.time() > end:
            break
        s.send(b"q" * rnd.choice([10, 100, 600, 4000]))
        s.recv()
        time.sleep(rnd.uniform(0.02, 1.2))
    s.close()


def dealer_session(ctx, args, rnd, end):
    s = client_socket(ctx, args, zmq.DEALER, args.port, 15000)
    inflight = rnd.randint(1, 8)
    for _ in range(rnd.randint(8, 60) // inflight):
        if time.time() > end:
            break
        for _ in range(inflight):
            s.send_multipart([b"", b"d" * rnd.randint(10, 2000)])
        for _ in range(inflight):
            s.recv_multipart()
        time.sleep(rnd.uniform(0.05, 0.6))
    s.close()


def sub_session(ctx, args, rnd, end):
    s = client_socket(ctx, args, zmq.SUB, args.port + 1, 1000)
    for t in rnd.sample(TOPICS, rnd.randint(1, 2)):
        s.setsockopt(zmq.SUBSCRIBE, t)
    stop = min(end, time.time() + rnd.uniform(2, 10))
    while time.time() < stop:
        try:
            s.recv_multipart()
        except zmq.Again:
            pass
    s.close()


def client(args):
    ctx = zmq.Context()
    run_users(args, [partial(req_session, ctx), partial(dealer_session, ctx), partial(sub_session, ctx)], [4, 3, 2],
              gap=(0.3, 2.5))
    ctx.term()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=["server", "client"])
    ap.add_argument("--host", required=True)
    ap.add_argument("--port", type=int, required=True)
    add_user_args(ap)
    ap.add_argument("--curve", help="directory for the server's public key: use CurveZMQ")
    args = ap.parse_args()
    server(args) if args.mode == "server" else client(args)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""gRPC (HTTP/2) server and users for the lab, on grpcio (Debian's python3-grpcio).

  grpc_lab.py server --host IP --port 50051 [--cert C --key K] [--seed 1]
  grpc_lab.py client --target IP:PORT [--cafile CA] --clients 4 --duration 60 [--seed 1]
                     [--mode unary,watch,upload,chat]

Messages are JSON documents (grpcio's generic handlers with byte (de)serialisers: the HTTP/2
framing, gRPC length prefixes, headers and trailers are grpcio's own; only the message bodies are
not protobuf).  Services:
  /lab.Store/Get         unary: a key -> a record of 100 B .. 20 kB
  /lab.Feed/Watch        server streaming: events at random intervals for the asked seconds
  /lab.Telemetry/Upload  client streaming: samples, answered by one summary
  /lab.Chat/Talk         bidirectional: every message echoed with a reply, sometimes two
Each client session (apps/userlib.py) is one channel (one TCP connection) running calls of one
mode, then closed.
"""
import argparse
import json
import random
import threading
import time
from concurrent import futures

import grpc

from userlib import UserThread, add_user_args, run_threads

IDENT = (lambda b: b)


def enc(obj):
    return json.dumps(obj).encode()


def dec(b):
    return json.loads(b)


class Services:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.lock = threading.Lock()

    def rand(self, lo, hi):
        with self.lock:
            return self.rng.uniform(lo, hi)

    def get(self, req, ctx):
        key = dec(req).get("key", "")
        return enc({"key": key, "value": "x" * int(self.rand(100, 20000))})

    def watch(self, req, ctx):
        end = time.monotonic() + float(dec(req).get("seconds", 10))
        n = 0
        while time.monotonic() < end and ctx.is_active():
            time.sleep(self.rand(0.05, 2.0))
            n += 1
            yield enc({"seq": n, "price": round(self.rand(1, 1000), 2), "note": "e" * int(self.rand(10, 400))})

    def upload(self, it, ctx):
        n = size = 0
        for m in it:
            n += 1
            size += len(m)
        return enc({"samples": n, "bytes": size})

    def talk(self, it, ctx):
        for m in it:
            text = dec(m).get("text", "")
            yield enc({"reply": text[::-1], "at": time.time()})
            if self.rand(0, 1) < 0.3:
                yield enc({"typing": True})

    def handlers(self):
        def svc(name, **methods):
            return grpc.method_handlers_generic_handler(name, methods)
        return [
            svc("lab.Store", Get=grpc.unary_unary_rpc_method_handler(self.get, IDENT, IDENT)),
            svc("lab.Feed", Watch=grpc.unary_stream_rpc_method_handler(self.watch, IDENT, IDENT)),
            svc("lab.Telemetry", Upload=grpc.stream_unary_rpc_method_handler(self.upload, IDENT, IDENT)),
            svc("lab.Chat", Talk=grpc.stream_stream_rpc_method_handler(self.talk, IDENT, IDENT)),
        ]


def serve(a):
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=64))
    server.add_generic_rpc_handlers(Services(a.seed).handlers())
    addr = f"[{a.host}]:{a.port}" if ":" in a.host else f"{a.host}:{a.port}"
    if a.cert:
        with open(a.cert, "rb") as c, open(a.key, "rb") as k:
            creds = grpc.ssl_server_credentials([(k.read(), c.read())])
        server.add_secure_port(addr, creds)
    else:
        server.add_insecure_port(addr)
    server.start()
    print(f"grpc_lab: serving on {addr} ({'TLS' if a.cert else 'plain'})", flush=True)
    server.wait_for_termination()


class User(UserThread):
    def __init__(self, a, n, until):
        super().__init__(a, n, until, "grpc", stats=("calls",))

    def pause(self, lo, hi):
        time.sleep(self.rng.uniform(lo, hi))

    def channel(self):
        # a connection of its own per channel (grpcio shares one between equal channels otherwise)
        opts = [("grpc.enable_retries", 0), ("grpc.use_local_subchannel_pool", 1)]
        if not self.a.cafile:
            return grpc.insecure_channel(self.a.target, options=opts)
        with open(self.a.cafile, "rb") as fh:
            creds = grpc.ssl_channel_credentials(fh.read())
        return grpc.secure_channel(self.a.target, creds,
                                   options=opts + [("grpc.ssl_target_name_override", self.a.server_name)])

    def unary(self, ch, end):
        get = ch.unary_unary("/lab.Store/Get", IDENT, IDENT)
        while time.monotonic() < end:
            get(enc({"key": "k%d" % self.rng.randint(1, 10**5)}), timeout=30)
            self.count("calls")
            self.pause(self.a.think_min, self.a.think_max)

    def watch(self, ch, end):
        call = ch.unary_stream("/lab.Feed/Watch", IDENT, IDENT)
        for _ in call(enc({"seconds": max(1.0, end - time.monotonic())}), timeout=120):
            pass
        self.count("calls")

    def upload(self, ch, end):
        call = ch.stream_unary("/lab.Telemetry/Upload", IDENT, IDENT)
        while time.monotonic() < end:
            def samples():
                for _ in range(self.rng.randint(3, 40)):
                    yield enc({"t": time.time(), "v": [self.rng.random() for _ in range(self.rng.randint(1, 60))]})
                    self.pause(0.02, 0.5)
            call(samples(), timeout=60)
            self.count("calls")
            self.pause(self.a.think_min, self.a.think_max)

    def chat(self, ch, end):
        call = ch.stream_stream("/lab.Chat/Talk", IDENT, IDENT)

        def lines():
            while time.monotonic() < end:
                yield enc({"text": "w" * self.rng.randint(5, 300)})
                self.pause(0.3, self.a.think_max)
        for _ in call(lines(), timeout=120):
            pass
        self.count("calls")

    def session(self, mode, end):
        with self.channel() as ch:
            getattr(self, mode)(ch, end)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("server")
    s.add_argument("--host", required=True)
    s.add_argument("--port", type=int, default=50051)
    s.add_argument("--cert")
    s.add_argument("--key")
    s.add_argument("--seed", type=int, default=1)
    c = sub.add_parser("client")
    c.add_argument("--target", required=True)
    c.add_argument("--cafile")
    c.add_argument("--server-name", default="lab.test")
    c.add_argument("--mode", default="unary,watch,upload,chat")
    c.add_argument("--think-min", type=float, default=0.2)
    c.add_argument("--think-max", type=float, default=3)
    add_user_args(c, clients=4, session=(4, 25))
    a = ap.parse_args()
    if a.cmd == "server":
        serve(a)
    else:
        a.mode = a.mode.split(",")
        run_threads("grpc_lab client", User, a, grace=150)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Socket.IO users for the lab on python-socketio's AsyncClient (aiohttp for both transports).

  sio_users.py --url http://IP:PORT --clients 6 --duration 60 [--mode chat,feed,rpc] [--seed 1]

Each session is one Socket.IO connection (--session-min..max s) with transports drawn per session:
polling then upgrade to WebSocket (the default, 60 %), polling only (25 %), WebSocket only (15 %).
Modes: chat (join a room, send messages at think times), feed (join "feed", receive ticks), rpc
(acknowledged calls, now and then a binary upload).  Prints one summary line on stderr.
"""
import argparse
import asyncio
import os
import random
import sys
import time

import socketio


class User:
    def __init__(self, a, n):
        self.a, self.n = a, n
        self.rng = random.Random(f"{a.seed}/sio/{n}")
        self.stats = {"sessions": 0, "emitted": 0, "received": 0, "errors": 0}

    def transports(self):
        r = self.rng.random()
        return ["polling", "websocket"] if r < 0.6 else ["polling"] if r < 0.85 else ["websocket"]

    async def session(self, until):
        mode = self.rng.choice(self.a.mode)
        end = min(until, time.monotonic() + self.rng.uniform(self.a.session_min, self.a.session_max))
        sio = socketio.AsyncClient(reconnection=False)
        sio.on("*", lambda *_: self.stats.__setitem__("received", self.stats["received"] + 1))
        await sio.connect(self.a.url, transports=self.transports(), wait_timeout=10)
        self.stats["sessions"] += 1
        try:
            room = "feed" if mode == "feed" else f"room{self.rng.randint(1, 3)}"
            await sio.emit("join", {"room": room})
            while time.monotonic() < end:
                if mode == "chat":
                    await sio.emit("chat", {"room": room, "text": "c" * self.rng.randint(5, 400)})
                elif mode == "rpc":
                    if self.rng.random() < 0.15:
                        await sio.call("upload", os.urandom(self.rng.randint(1000, self.a.up_max)), timeout=30)
                    else:
                        await sio.call("rpc", {"n": self.rng.randint(10, 3000)}, timeout=30)
                self.stats["emitted"] += mode != "feed"
                await asyncio.sleep(self.rng.uniform(self.a.think_min, self.a.think_max))
        finally:
            await sio.disconnect()

    async def run(self, until):
        await asyncio.sleep(self.rng.uniform(0, 3))
        while time.monotonic() < until - 1:
            try:
                await asyncio.wait_for(self.session(until), until - time.monotonic() + 20)
            except Exception as e:  # a failed session is counted, the user goes on
                self.stats["errors"] += 1
                print(f"user {self.n}: {type(e).__name__}: {e}", file=sys.stderr)
            await asyncio.sleep(self.rng.uniform(self.a.gap_min, self.a.gap_max))


async def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", required=True)
    ap.add_argument("--clients", type=int, default=6)
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--mode", default="chat,feed,rpc")
    ap.add_argument("--session-min", type=float, default=5)
    ap.add_argument("--session-max", type=float, default=40)
    ap.add_argument("--think-min", type=float, default=0.3)
    ap.add_argument("--think-max", type=float, default=5)
    ap.add_argument("--gap-min", type=float, default=0.5)
    ap.add_argument("--gap-max", type=float, default=5)
    ap.add_argument("--up-max", type=int, default=50000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    a.mode = a.mode.split(",")
    until = time.monotonic() + a.duration
    users = [User(a, n) for n in range(a.clients)]
    await asyncio.gather(*(u.run(until) for u in users))
    tot = {k: sum(u.stats[k] for u in users) for k in users[0].stats}
    print("sio_users: " + " ".join(f"{k}={v}" for k, v in tot.items()), file=sys.stderr)


if __name__ == "__main__":
    asyncio.run(main())

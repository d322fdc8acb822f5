#!/usr/bin/python3
"""Socket.IO users for the lab on python-socketio's AsyncClient (aiohttp for both transports).

  sio_users.py --url http://IP:PORT --clients 6 --duration 60 [--mode chat,feed,rpc] [--seed 1]

Each session (apps/userlib.py) is one Socket.IO connection (--session-min..max s) with transports
drawn per session: polling then upgrade to WebSocket (the default, 60 %), polling only (25 %),
WebSocket only (15 %).
Modes: chat (join a room, send messages at think times), feed (join "feed", receive ticks), rpc
(acknowledged calls, now and then a binary upload).  Prints one summary line on stderr.
"""
import argparse
import asyncio
import os
import time

import socketio

from userlib import UserTask, add_user_args, run_tasks


class User(UserTask):
    def __init__(self, a, n, until):
        super().__init__(a, n, until, "sio", stats=("emitted", "received"))

    def transports(self):
        r = self.rng.random()
        return ["polling", "websocket"] if r < 0.6 else ["polling"] if r < 0.85 else ["websocket"]

    async def session(self, mode, end):
        sio = socketio.AsyncClient(reconnection=False)
        sio.on("*", lambda *_: self.count("received"))
        await sio.connect(self.a.url, transports=self.transports(), wait_timeout=10)
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
                self.count("emitted", mode != "feed")
                await asyncio.sleep(self.rng.uniform(self.a.think_min, self.a.think_max))
        finally:
            await sio.disconnect()


async def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", required=True)
    ap.add_argument("--mode", default="chat,feed,rpc")
    ap.add_argument("--think-min", type=float, default=0.3)
    ap.add_argument("--think-max", type=float, default=5)
    ap.add_argument("--up-max", type=int, default=50000)
    add_user_args(ap, clients=6, session=(5, 40), gap=(0.5, 5))
    a = ap.parse_args()
    a.mode = a.mode.split(",")
    await run_tasks("sio_users", User, a)


if __name__ == "__main__":
    asyncio.run(main())

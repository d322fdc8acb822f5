#!/usr/bin/python3
"""Socket.IO server for the lab on python-socketio + aiohttp (Debian's python3-socketio).

  sio_server.py --host IP --port 5000 [--seed 1]

Engine.IO serves both transports on one port: HTTP long-polling (GET/POST /socket.io/?EIO=4&
transport=polling) and WebSocket (the upgrade, or a client that starts on it).  Events (the same
as apps/socketio/sio_server.js):
  join {room}          the client joins room (chat rooms, or "feed" for the ticker)
  chat {room, text}    broadcast to the room
  rpc {n}              answered through the acknowledgement with n bytes
  upload <bytes>       binary attachment, acknowledged with its size
A background task emits "tick" (30..300 B) to the room "feed" every 0.3..3 s.
"""
import argparse
import random

import socketio
from aiohttp import web


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--host", required=True)
    ap.add_argument("--port", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    sio = socketio.AsyncServer(async_mode="aiohttp", ping_interval=20, ping_timeout=20,
                               max_http_buffer_size=2_000_000)
    app = web.Application()
    sio.attach(app)

    @sio.event
    async def join(sid, data):
        sio.enter_room(sid, data.get("room", "lobby"))
        await sio.emit("joined", {"room": data.get("room")}, to=sid)

    @sio.event
    async def chat(sid, data):
        await sio.emit("chat", data, room=data.get("room", "lobby"))

    @sio.event
    async def rpc(sid, data):
        return {"ok": True, "data": "r" * int(data.get("n", 100))}

    @sio.event
    async def upload(sid, data):
        return {"received": len(data)}

    async def ticker():
        n = 0
        while True:
            await sio.sleep(rng.uniform(0.3, 3))
            n += 1
            await sio.emit("tick", {"seq": n, "v": "t" * rng.randint(30, 300)}, room="feed")

    async def start(_app):
        sio.start_background_task(ticker)
    app.on_startup.append(start)
    web.run_app(app, host=a.host, port=a.port, print=None)


if __name__ == "__main__":
    main()

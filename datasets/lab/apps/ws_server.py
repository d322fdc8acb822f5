#!/usr/bin/python3
"""flowclass lab WebSocket application server (Python `websockets`, Debian python3-websockets).

One process serves four real-time application patterns, chosen by the URL path
of the WebSocket handshake (directly or behind an nginx reverse proxy):

  /ws/game?hz=30&room=r1     multiplayer game: binary state snapshots at `hz`, clients send inputs at `hz`
  /ws/chat?room=r1           instant messaging: history on join, relayed messages, typing/presence, receipts
  /ws/collab?doc=d1          collaborative editing: snapshot on join, op acks + broadcast, periodic snapshots
  /ws/feed?rate=4&topics=a,b server-push feed: Poisson ticks and occasional larger news items
  /ws/rpc                    request/response RPC (JSON-RPC style): a result per call after a short
                             "processing" delay; results 50 B .. 20 kB by method
  /ws/telemetry?every=1      device telemetry: the client streams small readings, the server acks
                             every few readings and now and then pushes a config/command
  /ws/bulk                   big binary frames: client uploads (chunks acked one by one) and
                             downloads ({"type":"get","bytes":N} -> binary frames of --bulk-chunk)
  /ws/dash?every=500         live dashboard: a small JSON update of a few metrics every `every` ms
                             (jittered), a larger chart snapshot every 10..30 s, view changes from the client

Any other GET without `Upgrade: websocket` is answered from --static (so the
python server can also serve the browser page itself).  Keepalive pings are
websocket protocol pings from the server (--ping-interval).

Run with /usr/bin/python3 (Debian's python3-websockets 10.x).
"""
import argparse
import asyncio
import json
import math
import mimetypes
import os
import random
import ssl
import struct
import sys
import time
from http import HTTPStatus
from urllib.parse import urlsplit, parse_qs

import websockets

ARGS = None
RNG = random.Random(0)
ROOMS = {}          # (kind, room) -> set of connections
DOCS = {}           # doc id -> list of chars (document text)
HISTORY = {}        # chat room -> list of recent messages
CONN_ID = 0
WORDS = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt "
         "ut labore et dolore magna aliqua enim ad minim veniam quis nostrud exercitation ullamco "
         "laboris nisi aliquip ex ea commodo consequat duis aute irure in reprehenderit voluptate "
         "velit esse cillum fugiat nulla pariatur excepteur sint occaecat cupidatat non proident").split()


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, file=sys.stderr, flush=True)


def text(rng, nwords):
    return " ".join(rng.choice(WORDS) for _ in range(max(1, nwords)))


def qparam(q, name, default, cast=str):
    try:
        return cast(q.get(name, [default])[0])
    except (ValueError, TypeError):
        return cast(default)


async def send_all(conns, msg, skip=None):
    for c in list(conns):
        if c is skip:
            continue
        try:
            await c.send(msg)
        except websockets.ConnectionClosed:
            pass


# ---------------------------------------------------------------- game
async def game(ws, q, rng):
    hz = max(1.0, min(120.0, qparam(q, "hz", 30, float)))
    room = ROOMS.setdefault(("game", qparam(q, "room", "lobby")), set())
    room.add(ws)
    ws.pos = [rng.uniform(0, 1000), rng.uniform(0, 1000), 0.0]
    ws.last_seq = 0
    tick = 0
    await ws.send(json.dumps({"type": "welcome", "id": ws.cid, "hz": hz, "map": "arena_%d" % rng.randint(1, 9),
                              "players": len(room)}))

    async def reader():
        async for m in ws:
            if isinstance(m, bytes) and len(m) >= 16:
                seq, _ts, keys, dx, dy = struct.unpack_from("<IIHhh", m)
                ws.last_seq = seq
                ws.pos[0] += dx / 100.0
                ws.pos[1] += dy / 100.0
                ws.pos[2] = keys
            elif isinstance(m, str):
                d = json.loads(m)
                if d.get("type") == "chat":
                    await send_all(room, json.dumps({"type": "chat", "from": ws.cid, "text": d.get("text", "")}))

    rt = asyncio.create_task(reader())
    try:
        period = 1.0 / hz
        nxt = time.monotonic()
        while not rt.done():
            tick += 1
            players = list(room)[:16]
            body = struct.pack("<IIB", tick, ws.last_seq, len(players))
            for p in players:
                body += struct.pack("<Hfff", p.cid & 0xFFFF, p.pos[0], p.pos[1], p.pos[2])
            # occasional game events (hits, pickups) make the snapshot larger
            if rng.random() < 0.05:
                body += os.urandom(rng.randint(8, 120))
            await ws.send(body)
            nxt += period
            await asyncio.sleep(max(0.0, nxt - time.monotonic()))
    except websockets.ConnectionClosed:
        pass
    finally:
        rt.cancel()
        room.discard(ws)


# ---------------------------------------------------------------- chat
async def chat(ws, q, rng):
    rname = qparam(q, "room", "general")
    room = ROOMS.setdefault(("chat", rname), set())
    hist = HISTORY.setdefault(rname, [])
    room.add(ws)
    try:
        await ws.send(json.dumps({"type": "hello", "id": ws.cid, "room": rname,
                                  "history": hist[-rng.randint(10, 50):],
                                  "members": [c.cid for c in room]}))
        await send_all(room, json.dumps({"type": "presence", "id": ws.cid, "state": "online"}), skip=ws)
        async for m in ws:
            d = json.loads(m)
            t = d.get("type")
            if t == "msg":
                out = {"type": "msg", "from": ws.cid, "mid": rng.getrandbits(48), "ts": time.time(),
                       "text": d.get("text", "")}
                hist.append(out)
                del hist[:-200]
                await ws.send(json.dumps({"type": "ack", "cmid": d.get("cmid"), "mid": out["mid"]}))
                await send_all(room, json.dumps(out), skip=ws)
            elif t == "typing":
                await send_all(room, json.dumps({"type": "typing", "from": ws.cid}), skip=ws)
            elif t == "read":
                await send_all(room, json.dumps({"type": "read", "from": ws.cid, "mid": d.get("mid")}), skip=ws)
            elif t == "ping":  # application heartbeat (browser clients cannot send protocol pings)
                await ws.send(json.dumps({"type": "pong", "ts": time.time()}))
    except websockets.ConnectionClosed:
        pass
    finally:
        room.discard(ws)
        await send_all(room, json.dumps({"type": "presence", "id": ws.cid, "state": "offline"}))


# ---------------------------------------------------------------- collab
async def collab(ws, q, rng):
    did = qparam(q, "doc", "doc1")
    snap_every = qparam(q, "snap", 20, float)
    room = ROOMS.setdefault(("collab", did), set())
    doc = DOCS.setdefault(did, list(text(rng, rng.randint(400, 4000))))
    ver = [len(doc)]
    room.add(ws)

    async def snapshots():
        while True:
            await asyncio.sleep(snap_every * rng.uniform(0.7, 1.3))
            await ws.send(json.dumps({"type": "snapshot", "v": ver[0], "text": "".join(doc)}))

    st = None
    try:
        await ws.send(json.dumps({"type": "snapshot", "v": ver[0], "text": "".join(doc),
                                  "users": [c.cid for c in room]}))
        st = asyncio.create_task(snapshots())
        async for m in ws:
            d = json.loads(m)
            t = d.get("type")
            if t == "op":
                pos = max(0, min(len(doc), int(d.get("pos", 0))))
                if d.get("del"):
                    del doc[pos:pos + int(d["del"])]
                if d.get("ins"):
                    doc[pos:pos] = list(d["ins"])
                del doc[60000:]
                ver[0] += 1
                await ws.send(json.dumps({"type": "ack", "op": d.get("id"), "v": ver[0]}))
                d["from"] = ws.cid
                d["v"] = ver[0]
                await send_all(room, json.dumps(d), skip=ws)
            elif t == "cursor":
                d["from"] = ws.cid
                await send_all(room, json.dumps(d), skip=ws)
            elif t == "save":
                await ws.send(json.dumps({"type": "saved", "v": ver[0], "bytes": len(d.get("text", ""))}))
    except websockets.ConnectionClosed:
        pass
    finally:
        if st:
            st.cancel()
        room.discard(ws)


# ---------------------------------------------------------------- feed
async def feed(ws, q, rng):
    rate = max(0.05, qparam(q, "rate", 3, float))
    topics = qparam(q, "topics", "mkt").split(",")
    syms = ["SYM%03d" % rng.randint(0, 999) for _ in range(rng.randint(3, 30))]

    async def reader():
        async for m in ws:
            d = json.loads(m)
            if d.get("type") == "subscribe":
                topics[:] = d.get("topics", topics)
                await ws.send(json.dumps({"type": "subscribed", "topics": topics}))

    rt = asyncio.create_task(reader())
    try:
        await ws.send(json.dumps({"type": "subscribed", "topics": topics, "symbols": syms}))
        seq = 0
        while not rt.done():
            await asyncio.sleep(rng.expovariate(rate))
            seq += 1
            r = rng.random()
            if r < 0.04:
                msg = {"type": "news", "seq": seq, "topic": rng.choice(topics), "title": text(rng, 8),
                       "body": text(rng, rng.randint(100, 700))}
            elif r < 0.25:
                msg = {"type": "batch", "seq": seq, "ticks": [
                    {"s": rng.choice(syms), "p": round(rng.uniform(1, 500), 2), "v": rng.randint(1, 9999)}
                    for _ in range(rng.randint(2, 25))]}
            else:
                msg = {"type": "tick", "seq": seq, "s": rng.choice(syms), "p": round(rng.uniform(1, 500), 2),
                       "v": rng.randint(1, 9999), "ts": time.time()}
            await ws.send(json.dumps(msg))
    except websockets.ConnectionClosed:
        pass
    finally:
        rt.cancel()


# ---------------------------------------------------------------- rpc
async def rpc(ws, q, rng):
    sizes = {"get_user": (60, 300), "list_orders": (800, 20000), "search": (300, 8000), "update": (40, 120),
             "ping": (20, 40), "get_config": (500, 3000)}
    try:
        async for m in ws:
            d = json.loads(m)
            lo, hi = sizes.get(d.get("method"), (50, 500))
            await asyncio.sleep(rng.uniform(0.003, 0.08))
            n = int(math.exp(rng.uniform(math.log(lo), math.log(hi))))
            await ws.send(json.dumps({"jsonrpc": "2.0", "id": d.get("id"), "result": {"data": text(rng, n // 6)[:n]}}))
    except websockets.ConnectionClosed:
        pass


# ---------------------------------------------------------------- telemetry
async def telemetry(ws, q, rng):
    ack_every = rng.randint(5, 30)
    n = 0
    try:
        async for m in ws:
            n += 1
            if n % ack_every == 0:
                await ws.send(json.dumps({"type": "ack", "upto": n, "ts": time.time()}))
            if rng.random() < 0.01:
                await ws.send(json.dumps({"type": "config", "interval": rng.choice([0.2, 0.5, 1, 2]),
                                          "thresholds": [rng.randint(0, 100) for _ in range(rng.randint(2, 20))]}))
    except websockets.ConnectionClosed:
        pass


# ---------------------------------------------------------------- bulk
async def bulk(ws, q, rng):
    chunk = ARGS.bulk_chunk
    got = 0
    try:
        async for m in ws:
            if isinstance(m, bytes):
                got += len(m)
                await ws.send(json.dumps({"type": "ack", "bytes": got}))
                continue
            d = json.loads(m)
            if d.get("type") == "get":
                left = max(0, min(2 ** 24, int(d.get("bytes", 0))))
                await ws.send(json.dumps({"type": "blob", "bytes": left, "name": "file%d.bin" % rng.randint(1, 999)}))
                while left > 0:
                    k = min(left, chunk)
                    await ws.send(os.urandom(k))
                    left -= k
                await ws.send(json.dumps({"type": "done"}))
            elif d.get("type") == "put":
                got = 0
            elif d.get("type") == "end":
                await ws.send(json.dumps({"type": "stored", "bytes": got, "id": rng.getrandbits(32)}))
    except websockets.ConnectionClosed:
        pass


# ---------------------------------------------------------------- dashboard
async def dash(ws, q, rng):
    every = max(0.05, qparam(q, "every", 1000, float) / 1000.0)
    panels = ["cpu", "mem", "net", "disk", "req", "err", "lat", "queue"]
    view = rng.sample(panels, rng.randint(2, 6))

    async def reader():
        async for m in ws:
            d = json.loads(m)
            if d.get("type") == "view":
                view[:] = [p for p in d.get("panels", view) if p in panels] or view
                await ws.send(json.dumps({"type": "chart", "series": {p: [round(rng.random() * 100, 1)
                                         for _ in range(rng.randint(60, 300))] for p in view}}))
            elif d.get("type") == "ping":
                await ws.send(json.dumps({"type": "pong", "ts": time.time()}))

    rt = asyncio.create_task(reader())
    try:
        await ws.send(json.dumps({"type": "chart", "series": {p: [round(rng.random() * 100, 1)
                                  for _ in range(rng.randint(60, 300))] for p in view}}))
        nxt_chart = time.monotonic() + rng.uniform(10, 30)
        seq = 0
        while not rt.done():
            await asyncio.sleep(every * rng.uniform(0.85, 1.15))
            seq += 1
            if time.monotonic() > nxt_chart:
                nxt_chart = time.monotonic() + rng.uniform(10, 30)
                await ws.send(json.dumps({"type": "chart", "series": {p: [round(rng.random() * 100, 1)
                                          for _ in range(rng.randint(60, 300))] for p in view}}))
            upd = {"type": "u", "seq": seq, "ts": round(time.time(), 3),
                   "m": {p: round(rng.uniform(0, 100), 2) for p in view if rng.random() < 0.8}}
            if rng.random() < 0.03:
                upd["alert"] = {"sev": rng.choice(["warn", "crit"]), "msg": text(rng, rng.randint(5, 30))}
            await ws.send(json.dumps(upd))
    except websockets.ConnectionClosed:
        pass
    finally:
        rt.cancel()


HANDLERS = {"game": game, "chat": chat, "collab": collab, "feed": feed, "rpc": rpc, "telemetry": telemetry,
            "bulk": bulk, "dash": dash}


async def handler(ws, path=None):
    global CONN_ID
    CONN_ID += 1
    ws.cid = CONN_ID
    u = urlsplit(ws.path)
    kind = u.path.rstrip("/").split("/")[-1]
    q = parse_qs(u.query)
    fn = HANDLERS.get(kind)
    if fn is None:
        await ws.close(1008, "unknown app")
        return
    rng = random.Random(RNG.getrandbits(64))
    log("open", ws.cid, kind, ws.remote_address)
    try:
        await fn(ws, q, rng)
    finally:
        log("close", ws.cid, kind)


async def process_request(path, headers):
    if headers.get("Upgrade", "").lower() == "websocket":
        return None
    if not ARGS.static:
        return HTTPStatus.NOT_FOUND, [("Content-Type", "text/plain")], b"not found\n"
    p = urlsplit(path).path
    if p.endswith("/"):
        p += "index.html"
    fn = os.path.realpath(os.path.join(ARGS.static, p.lstrip("/")))
    if not fn.startswith(os.path.realpath(ARGS.static)) or not os.path.isfile(fn):
        return HTTPStatus.NOT_FOUND, [("Content-Type", "text/plain")], b"not found\n"
    with open(fn, "rb") as f:
        body = f.read()
    ctype = mimetypes.guess_type(fn)[0] or "application/octet-stream"
    return HTTPStatus.OK, [("Content-Type", ctype), ("Cache-Control", "no-store")], body


async def main():
    ctx = None
    if ARGS.cert:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(ARGS.cert, ARGS.key)
    stop = asyncio.get_running_loop().create_future()
    for s in ("SIGTERM", "SIGINT"):
        import signal
        asyncio.get_running_loop().add_signal_handler(getattr(signal, s), lambda: stop.done() or stop.set_result(1))
    async with websockets.serve(handler, ARGS.host, ARGS.port, ssl=ctx, process_request=process_request,
                                ping_interval=ARGS.ping_interval or None, ping_timeout=60,
                                max_size=2 ** 22, compression=None if ARGS.no_compression else "deflate"):
        log("listening", ARGS.host, ARGS.port, "tls" if ctx else "plain")
        await stop


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default=None, help="bind address (default: all, IPv4 and IPv6)")
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--cert")
    ap.add_argument("--key")
    ap.add_argument("--static", help="directory served to plain GET requests")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--ping-interval", type=float, default=20.0, help="protocol ping period, 0 = off")
    ap.add_argument("--no-compression", action="store_true", help="disable permessage-deflate")
    ap.add_argument("--bulk-chunk", type=int, default=65536, help="/ws/bulk: bytes per binary frame sent")
    ARGS = ap.parse_args()
    RNG.seed(ARGS.seed)
    asyncio.run(main())

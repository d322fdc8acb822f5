#!/usr/bin/python3
"""flowclass lab WebSocket clients (Python `websockets`, Debian python3-websockets).

Runs --clients concurrent users for --duration seconds.  Every user opens a
WebSocket session, plays one application pattern for a random session length,
closes it cleanly, thinks for a while and opens the next session, so every
session is its own TCP connection (one flow).

  ws_client.py --url ws://10.78.1.1:6881/ws --mode game --clients 4 --duration 60 --seed 3
  --mode  game | chat | collab | feed | mix  (mix: every session picks one of these four; a
          comma list such as chat,feed picks among those)
          more patterns (by name, in comma lists):
          burst      chat in bursts: 3..15 messages a fraction of a second apart, then silence
          rpc        request/response calls (JSON-RPC style), each awaited, 0.1..3 s apart
                     (--rpc-think-max), occasionally a few pipelined calls
          telemetry  a device streaming small JSON readings at --tele-hz (0 = 0.5..10 Hz per session)
          bulk       big binary frames: uploads in --bulk-chunk frames and downloads of
                     --bulk-min..--bulk-max bytes, idle gaps between transfers
          dash       live dashboard (server pushes small metric updates every 200..2000 ms)
  --cafile CA  for wss:// (the lab's self-signed CA)

Session lengths are log-uniform in [--session-min, --session-max] seconds.
"""
import argparse
import asyncio
import json
import math
import os
import random
import ssl
import struct
import sys
import time

import websockets

WORDS = ("hey ok sure thanks lol see you tomorrow meeting lunch build failed again merged the branch "
         "can you review this please looks good to me ship it deploy done where are we with the release "
         "coffee later sounds great no worries brb call me when free").split()


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, file=sys.stderr, flush=True)


def logu(rng, lo, hi):
    return math.exp(rng.uniform(math.log(lo), math.log(hi)))


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(max(1, n)))


async def drain(ws, on_msg=None):
    async for m in ws:
        if on_msg:
            await on_msg(m)


async def run_game(ws, rng, length, a):
    hz = a.hz or rng.choice([20, 30, 30, 50, 60])
    period = 1.0 / hz
    seq = 0
    keys = 0
    rt = asyncio.create_task(drain(ws))
    end = time.monotonic() + length
    nxt = time.monotonic()
    while time.monotonic() < end and not rt.done():
        seq += 1
        if rng.random() < 0.1:
            keys = rng.getrandbits(8)
        msg = struct.pack("<IIHhh", seq, int(time.time() * 1000) & 0xFFFFFFFF, keys,
                          rng.randint(-300, 300), rng.randint(-300, 300)) + bytes(2)
        await ws.send(msg)
        if rng.random() < 0.003:
            await ws.send(json.dumps({"type": "chat", "text": sentence(rng, rng.randint(1, 8))}))
        nxt += period
        await asyncio.sleep(max(0.0, nxt - time.monotonic()))
    rt.cancel()


async def run_chat(ws, rng, length, a):
    inbox = []

    async def on_msg(m):
        d = json.loads(m)
        if d.get("type") == "msg":
            inbox.append(d.get("mid"))

    rt = asyncio.create_task(drain(ws, on_msg))
    end = time.monotonic() + length
    mean_gap = rng.uniform(2.0, 15.0)
    cmid = 0
    while not rt.done():
        gap = rng.expovariate(1.0 / mean_gap)
        if time.monotonic() + gap > end:
            await asyncio.sleep(max(0.0, end - time.monotonic()))
            break
        await asyncio.sleep(gap)
        if inbox and rng.random() < 0.5:
            await ws.send(json.dumps({"type": "read", "mid": inbox[-1]}))
            inbox.clear()
        if rng.random() < 0.7:
            await ws.send(json.dumps({"type": "typing"}))
            await asyncio.sleep(rng.uniform(0.5, 4.0))
        cmid += 1
        n = int(logu(rng, 1, 60))
        await ws.send(json.dumps({"type": "msg", "cmid": cmid, "text": sentence(rng, n)}))
    rt.cancel()


async def run_collab(ws, rng, length, a):
    rt = asyncio.create_task(drain(ws))
    end = time.monotonic() + length
    opid = 0
    pos = rng.randint(0, 2000)
    last_save = time.monotonic()
    while time.monotonic() < end and not rt.done():
        # a burst of typing: small deltas at keystroke rate
        burst_end = min(end, time.monotonic() + rng.uniform(1.0, 8.0))
        rate = rng.uniform(2.0, 7.0)
        while time.monotonic() < burst_end and not rt.done():
            opid += 1
            r = rng.random()
            if r < 0.8:
                op = {"type": "op", "id": opid, "pos": pos, "ins": rng.choice("etaoin shrdlu") * rng.randint(1, 3)}
                pos += 1
            elif r < 0.95:
                op = {"type": "op", "id": opid, "pos": max(0, pos - 1), "del": 1}
                pos = max(0, pos - 1)
            else:
                op = {"type": "op", "id": opid, "pos": pos, "ins": sentence(rng, rng.randint(30, 400))}
            await ws.send(json.dumps(op))
            if rng.random() < 0.15:
                await ws.send(json.dumps({"type": "cursor", "pos": pos, "sel": [pos, pos + rng.randint(0, 40)]}))
            await asyncio.sleep(rng.expovariate(rate))
        if time.monotonic() - last_save > 30 and rng.random() < 0.5:
            await ws.send(json.dumps({"type": "save", "text": sentence(rng, rng.randint(500, 3000))}))
            last_save = time.monotonic()
        await asyncio.sleep(min(max(0.0, end - time.monotonic()), logu(rng, 1.0, 30.0)))
        pos = rng.randint(0, 2000)
    rt.cancel()


async def run_feed(ws, rng, length, a):
    rt = asyncio.create_task(drain(ws))
    end = time.monotonic() + length
    while time.monotonic() < end and not rt.done():
        await asyncio.sleep(min(max(0.0, end - time.monotonic()), rng.uniform(5, 60)))
        if time.monotonic() < end and rng.random() < 0.5:
            await ws.send(json.dumps({"type": "subscribe",
                                      "topics": rng.sample(["mkt", "news", "fx", "crypto", "sports"], 2)}))
    rt.cancel()


async def run_burst(ws, rng, length, a):
    rt = asyncio.create_task(drain(ws))
    end = time.monotonic() + length
    cmid = 0
    while not rt.done() and time.monotonic() < end:
        for _ in range(rng.randint(3, 15)):
            cmid += 1
            await ws.send(json.dumps({"type": "msg", "cmid": cmid, "text": sentence(rng, int(logu(rng, 1, 25)))}))
            await asyncio.sleep(rng.uniform(0.05, 0.8))
        await asyncio.sleep(min(max(0.0, end - time.monotonic()), logu(rng, 2, 40)))
    rt.cancel()


async def run_rpc(ws, rng, length, a):
    end = time.monotonic() + length
    cid = 0
    methods = ["get_user", "list_orders", "search", "update", "ping", "get_config"]
    while time.monotonic() < end:
        k = 1 if rng.random() < 0.8 else rng.randint(2, 5)   # sometimes a few pipelined calls
        for _ in range(k):
            cid += 1
            m = rng.choice(methods)
            await ws.send(json.dumps({"jsonrpc": "2.0", "id": cid, "method": m,
                                      "params": {"q": sentence(rng, rng.randint(1, 12)), "page": rng.randint(1, 9)}}))
        for _ in range(k):
            await ws.recv()
        await asyncio.sleep(min(max(0.0, end - time.monotonic()), logu(rng, 0.1, a.rpc_think_max)))


async def run_telemetry(ws, rng, length, a):
    rt = asyncio.create_task(drain(ws))
    hz = a.tele_hz or logu(rng, 0.5, 10)
    end = time.monotonic() + length
    seq = 0
    dev = "dev-%04x" % rng.getrandbits(16)
    while time.monotonic() < end and not rt.done():
        seq += 1
        r = {"d": dev, "s": seq, "t": round(time.time(), 3), "temp": round(rng.uniform(18, 30), 2),
             "hum": round(rng.uniform(20, 80), 1)}
        if rng.random() < 0.3:
            r["acc"] = [round(rng.gauss(0, 1), 3) for _ in range(3)]
        await ws.send(json.dumps(r))
        await asyncio.sleep((1.0 / hz) * rng.uniform(0.9, 1.1))
    rt.cancel()


async def run_bulk(ws, rng, length, a):
    end = time.monotonic() + length
    while time.monotonic() < end:
        n = int(logu(rng, a.bulk_min, a.bulk_max))
        if rng.random() < 0.5:
            await ws.send(json.dumps({"type": "put", "bytes": n}))
            left = n
            while left > 0:
                k = min(left, a.bulk_chunk)
                await ws.send(os.urandom(k))
                left -= k
                await ws.recv()                       # per-chunk ack
            await ws.send(json.dumps({"type": "end"}))
            await ws.recv()
        else:
            await ws.send(json.dumps({"type": "get", "bytes": n}))
            while True:
                m = await ws.recv()
                if isinstance(m, str) and json.loads(m).get("type") == "done":
                    break
        await asyncio.sleep(min(max(0.0, end - time.monotonic()), logu(rng, 0.5, 15)))


async def run_dash(ws, rng, length, a):
    rt = asyncio.create_task(drain(ws))
    end = time.monotonic() + length
    while time.monotonic() < end and not rt.done():
        await asyncio.sleep(min(max(0.0, end - time.monotonic()), logu(rng, 5, 60)))
        if time.monotonic() < end:
            await ws.send(json.dumps({"type": "view", "panels": rng.sample(["cpu", "mem", "net", "disk", "req", "err"], 3)}))
    rt.cancel()


RUN = {"game": run_game, "chat": run_chat, "collab": run_collab, "feed": run_feed}
MORE = {"burst": run_burst, "rpc": run_rpc, "telemetry": run_telemetry, "bulk": run_bulk, "dash": run_dash}


def session_url(a, mode, rng, user):
    base = a.url.rstrip("/")
    if mode == "game":
        return "%s/game?room=r%d&hz=%d" % (base, user % 3, a.hz or rng.choice([20, 30, 50, 60]))
    if mode in ("chat", "burst"):     # bursts are chat messages, sent in bursts
        return "%s/chat?room=team%d" % (base, user % 2)
    if mode == "collab":
        return "%s/collab?doc=d%d&snap=%d" % (base, user % 2, rng.randint(10, 40))
    if mode == "dash":
        return "%s/dash?every=%d" % (base, int(logu(rng, 200, 2000)))
    if mode in MORE:
        return "%s/%s" % (base, mode)
    return "%s/feed?rate=%.2f&topics=mkt,news" % (base, logu(rng, 0.3, 10.0))


def websockets_connect(url, ctx, a):
    """The default stack: a `websockets` client connection (an async context manager)."""
    return websockets.connect(url, ssl=ctx, ping_interval=a.ping_interval or None, ping_timeout=60,
                              open_timeout=10, max_size=2 ** 22,
                              compression=None if a.no_compression else "deflate",
                              extra_headers={"Origin": a.origin} if a.origin else None)


async def user(a, uid, deadline, ctx, stats, connect=websockets_connect):
    rng = random.Random(a.seed * 1000 + uid)
    await asyncio.sleep(rng.uniform(0, a.stagger))
    while True:
        left = deadline - time.monotonic()
        if left < 1.5:
            return
        mode = rng.choice(list(RUN)) if a.mode == "mix" else rng.choice(a.mode.split(","))
        length = min(left - 0.5, logu(rng, a.session_min, a.session_max))
        url = session_url(a, mode, rng, uid)
        t0 = time.monotonic()
        try:
            async with connect(url, ctx, a) as ws:
                await (RUN.get(mode) or MORE[mode])(ws, rng, length, a)
            stats["ok"] += 1
            log("user", uid, "session", mode, "%.1fs" % (time.monotonic() - t0))
        except (OSError, asyncio.TimeoutError, websockets.WebSocketException) as e:
            stats["err"] += 1
            log("user", uid, "session error", mode, repr(e))
            await asyncio.sleep(1.0)
        await asyncio.sleep(min(max(0.0, deadline - time.monotonic()), logu(rng, a.think_min, a.think_max)))


async def main(a, connect=websockets_connect):
    ctx = None
    if a.url.startswith("wss:"):
        ctx = ssl.create_default_context(cafile=a.cafile) if a.cafile else ssl._create_unverified_context()
        if a.cafile:
            ctx.check_hostname = False
    deadline = time.monotonic() + a.duration
    stats = {"ok": 0, "err": 0}
    await asyncio.gather(*(user(a, i, deadline, ctx, stats, connect) for i in range(a.clients)))
    log("done", stats)


def arg_parser():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True, help="base, e.g. ws://10.78.1.1:6881/ws")
    ap.add_argument("--mode", default="mix", help="game|chat|collab|feed|mix or a comma list (each session picks one)")
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--session-min", type=float, default=3)
    ap.add_argument("--session-max", type=float, default=60)
    ap.add_argument("--think-min", type=float, default=0.2)
    ap.add_argument("--think-max", type=float, default=5)
    ap.add_argument("--stagger", type=float, default=3)
    ap.add_argument("--hz", type=float, default=0, help="game tick rate (0 = random 20..60 per session)")
    ap.add_argument("--ping-interval", type=float, default=15, help="client protocol ping period, 0 = off")
    ap.add_argument("--no-compression", action="store_true")
    ap.add_argument("--origin")
    ap.add_argument("--cafile")
    ap.add_argument("--rpc-think-max", type=float, default=3.0, help="rpc: longest pause between calls, s")
    ap.add_argument("--tele-hz", type=float, default=0, help="telemetry rate (0 = 0.5..10 Hz per session)")
    ap.add_argument("--bulk-chunk", type=int, default=65536, help="bulk: bytes per uploaded binary frame")
    ap.add_argument("--bulk-min", type=float, default=20000, help="bulk: transfer size range, bytes")
    ap.add_argument("--bulk-max", type=float, default=2000000)
    ap.add_argument("--seed", type=int, default=1)
    return ap


if __name__ == "__main__":
    asyncio.run(main(arg_parser().parse_args()))

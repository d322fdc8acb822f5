#!/usr/bin/python3
"""flowclass lab WebSocket clients (Python `websockets`, Debian python3-websockets).

Runs --clients concurrent users for --duration seconds.  Every user opens a
WebSocket session, plays one application pattern for a random session length,
closes it cleanly, thinks for a while and opens the next session, so every
session is its own TCP connection (one flow).

  ws_client.py --url ws://10.78.1.1:6881/ws --mode game --clients 4 --duration 60 --seed 3
  --mode  game | chat | collab | feed | mix  (mix: every session picks one; a comma list
          such as chat,feed picks among those)
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


RUN = {"game": run_game, "chat": run_chat, "collab": run_collab, "feed": run_feed}


def session_url(a, mode, rng, user):
    base = a.url.rstrip("/")
    if mode == "game":
        return "%s/game?room=r%d&hz=%d" % (base, user % 3, a.hz or rng.choice([20, 30, 50, 60]))
    if mode == "chat":
        return "%s/chat?room=team%d" % (base, user % 2)
    if mode == "collab":
        return "%s/collab?doc=d%d&snap=%d" % (base, user % 2, rng.randint(10, 40))
    return "%s/feed?rate=%.2f&topics=mkt,news" % (base, logu(rng, 0.3, 10.0))


async def user(a, uid, deadline, ctx, stats):
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
            async with websockets.connect(url, ssl=ctx, ping_interval=a.ping_interval or None, ping_timeout=60,
                                          open_timeout=10, max_size=2 ** 22,
                                          compression=None if a.no_compression else "deflate",
                                          extra_headers={"Origin": a.origin} if a.origin else None) as ws:
                await RUN[mode](ws, rng, length, a)
            stats["ok"] += 1
            log("user", uid, "session", mode, "%.1fs" % (time.monotonic() - t0))
        except (OSError, asyncio.TimeoutError, websockets.WebSocketException) as e:
            stats["err"] += 1
            log("user", uid, "session error", mode, repr(e))
            await asyncio.sleep(1.0)
        await asyncio.sleep(min(max(0.0, deadline - time.monotonic()), logu(rng, a.think_min, a.think_max)))


async def main(a):
    ctx = None
    if a.url.startswith("wss:"):
        ctx = ssl.create_default_context(cafile=a.cafile) if a.cafile else ssl._create_unverified_context()
        if a.cafile:
            ctx.check_hostname = False
    deadline = time.monotonic() + a.duration
    stats = {"ok": 0, "err": 0}
    await asyncio.gather(*(user(a, i, deadline, ctx, stats) for i in range(a.clients)))
    log("done", stats)


if __name__ == "__main__":
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
    ap.add_argument("--seed", type=int, default=1)
    asyncio.run(main(ap.parse_args()))

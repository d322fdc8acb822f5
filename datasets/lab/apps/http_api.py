#!/usr/bin/python3
"""flowclass lab HTTP application server (aiohttp, Debian python3-aiohttp).

  http_api.py --port 8080 [--host ADDR] [--cert C --key K] [--static DIR] [--seed N]
              [--event-mean 8] [--prefix /api]

Endpoints (under --prefix, default /api; also reachable behind an nginx reverse proxy):
  GET  /api/status              small JSON that changes over time (REST polling target)
  GET  /api/items?n=20          JSON list of n items
  GET  /api/poll?since=N&timeout=25
                                long-poll: held until an event newer than N happens (events
                                are a Poisson process, mean gap --event-mean s) or timeout
  POST /api/upload              consumes the body (any size), answers size + sha256
  GET  /dl/<bytes>              <bytes> of pseudo-random data (large downloads)
  everything else               files from --static (if given)
"""
import argparse
import asyncio
import hashlib
import json
import random
import ssl
import time

from aiohttp import web

EVENTS = []          # (id, ts, payload)
COND = None


async def event_source(app):
    rng = random.Random(app["seed"])
    eid = 0
    while True:
        await asyncio.sleep(rng.expovariate(1.0 / app["event_mean"]))
        eid += 1
        EVENTS.append((eid, time.time(), {"id": eid, "kind": rng.choice(["order", "mail", "alert", "comment"]),
                                          "body": "x" * int(rng.lognormvariate(4.5, 1.0))}))
        del EVENTS[:-500]
        async with COND:
            COND.notify_all()


async def status(req):
    rng = req.app["rng"]
    return web.json_response({"ts": time.time(), "load": round(rng.random(), 3), "queue": rng.randint(0, 50),
                              "last_event": EVENTS[-1][0] if EVENTS else 0,
                              "nodes": [{"n": i, "ok": rng.random() > 0.05} for i in range(rng.randint(1, 12))]})


async def items(req):
    rng = req.app["rng"]
    n = max(0, min(5000, int(req.query.get("n", 20))))
    return web.json_response({"items": [{"id": rng.getrandbits(40), "name": "item-%d" % rng.getrandbits(16),
                                         "price": rng.randint(1, 10000) / 100, "qty": rng.randint(0, 99)}
                                        for _ in range(n)]})


async def poll(req):
    since = int(req.query.get("since", 0) or 0)
    if since == 0 and EVENTS:
        since = EVENTS[-1][0]
    timeout = max(1.0, min(120.0, float(req.query.get("timeout", 25))))
    end = time.monotonic() + timeout

    def newer():
        return [e[2] for e in EVENTS if e[0] > since]

    ev = newer()
    while not ev:
        left = end - time.monotonic()
        if left <= 0:
            break
        async with COND:
            try:
                await asyncio.wait_for(COND.wait(), left)
            except asyncio.TimeoutError:
                pass
        ev = newer()
    last = ev[-1]["id"] if ev else since
    return web.json_response({"events": ev, "last": last})


async def upload(req):
    h = hashlib.sha256()
    n = 0
    async for chunk in req.content.iter_chunked(65536):
        h.update(chunk)
        n += len(chunk)
    return web.json_response({"bytes": n, "sha256": h.hexdigest()}, status=201)


async def download(req):
    size = max(0, min(2 ** 31, int(req.match_info["size"])))
    resp = web.StreamResponse(headers={"Content-Type": "application/octet-stream"})
    resp.content_length = size
    await resp.prepare(req)
    rng = random.Random(size)
    block = rng.getrandbits(8 * 65536).to_bytes(65536, "little")
    left = size
    while left > 0:
        k = min(left, len(block))
        await resp.write(block[:k])
        left -= k
    await resp.write_eof()
    return resp


async def on_start(app):
    global COND
    COND = asyncio.Condition()
    app["evtask"] = asyncio.create_task(event_source(app))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default=None)
    ap.add_argument("--port", type=int, default=8080)
    ap.add_argument("--cert")
    ap.add_argument("--key")
    ap.add_argument("--static")
    ap.add_argument("--prefix", default="/api")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--event-mean", type=float, default=8.0)
    a = ap.parse_args()
    app = web.Application(client_max_size=2 ** 31)
    app["seed"] = a.seed
    app["rng"] = random.Random(a.seed + 7)
    app["event_mean"] = a.event_mean
    p = a.prefix.rstrip("/")
    app.router.add_get(p + "/status", status)
    app.router.add_get(p + "/items", items)
    app.router.add_get(p + "/poll", poll)
    app.router.add_post(p + "/upload", upload)
    app.router.add_put(p + "/upload", upload)
    app.router.add_get("/dl/{size:\\d+}", download)
    if a.static:
        async def index(req):
            return web.FileResponse(a.static + "/index.html")
        app.router.add_get("/", index)
        app.router.add_static("/", a.static)
    app.on_startup.append(on_start)
    ctx = None
    if a.cert:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(a.cert, a.key)
    web.run_app(app, host=a.host, port=a.port, ssl_context=ctx, access_log=None,
                keepalive_timeout=30, print=lambda *x: print(*x, flush=True))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""flowclass lab HTTP users from client stacks the rest of the lab does not run (issue 20).

--clients concurrent users for --duration seconds; each runs sessions of one --mode, each
session with a new client of one of --impls (so a new connection pool: its own connections):

  httpx     httpx.AsyncClient, HTTP/1.1 (httpcore + h11; up to 6 connections per origin)
  httpx2    httpx.AsyncClient(http2=True): HTTP/2 over TLS by ALPN (h2), one multiplexed connection
  aiohttp   aiohttp.ClientSession (aiohttp's own HTTP/1.1 client and keep-alive pool)
  w3m       text browser processes (w3m -dump; OpenSSL): one per page, links followed
  lynx      text browser processes (lynx -dump; GnuTLS, HTTP/1.0): one per page, links followed

Modes (comma list; every session picks one): api (bursts of small JSON GET/POST calls), poll
(REST polling of /api/status, or long-polls of /api/poll with --longpoll-frac), page (a page of
gen_site.py's site and all its assets in parallel, then 1..3 linked pages after reading
pauses), download (/dl/<bytes> of --dl-min..--dl-max), upload (1..3 POST/PUT of
--up-min..--up-max bytes).  w3m and lynx only load pages (the text of a page, no assets).

  impl_http_client.py --url https://10.78.124.1:443 --impls httpx2,aiohttp --mode page,api,poll --clients 4 --duration 60
"""
import argparse
import asyncio
import json
import math
import random
import re
import ssl
import subprocess
import sys
import time

STATS = {"ok": 0, "err": 0, "requests": 0}
PAGES = ["index.html", "p1.html", "p2.html", "p3.html"]
ASSET = re.compile(r"""(?:src|href)=['"]([^'"#]+\.(?:css|js|woff2|png|jpg|webp|svg|json))['"]""")
LINK = re.compile(r"""<a [^>]*href=['"]([^'"#]+\.html)['"]""")


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, file=sys.stderr, flush=True)


def logu(rng, lo, hi):
    return math.exp(rng.uniform(math.log(lo), math.log(hi)))


class Http:
    """One session's client: get(path) -> (status, text or None), send(method, path, body)."""

    def __init__(self, impl, a):
        self.impl = impl
        ctx = False                      # no verification without the lab CA
        if a.cafile:
            ctx = ssl.create_default_context(cafile=a.cafile)
            ctx.check_hostname = False
        if impl.startswith("httpx"):
            import httpx
            self.c = httpx.AsyncClient(base_url=a.url, http2=impl == "httpx2", verify=ctx, timeout=60,
                                       limits=httpx.Limits(max_connections=6))
        else:
            import aiohttp
            self.c = aiohttp.ClientSession(base_url=a.url, connector=aiohttp.TCPConnector(ssl=ctx, limit_per_host=6),
                                           timeout=aiohttp.ClientTimeout(total=60))

    async def request(self, method, path, body=None, text=True):
        STATS["requests"] += 1
        if self.impl.startswith("httpx"):
            r = await self.c.request(method, path, content=body)
            return r.status_code, (r.text if text else None)
        async with self.c.request(method, path, data=body) as r:
            if text:
                return r.status, await r.text()
            await r.read()
            return r.status, None

    async def close(self):
        if self.impl.startswith("httpx"):
            await self.c.aclose()
        else:
            await self.c.close()


async def s_api(h, rng, length, a):
    end = time.monotonic() + length
    while time.monotonic() < end:
        for _ in range(rng.randint(2, 10)):
            r = rng.random()
            if r < 0.5:
                await h.request("GET", "/api/status")
            elif r < 0.8:
                await h.request("GET", "/api/items?n=%d" % int(logu(rng, 1, 200)))
            else:
                await h.request("POST", "/api/upload", json.dumps({"id": rng.getrandbits(32),
                                "note": "x" * rng.randint(10, 2000)}).encode())
            await asyncio.sleep(rng.uniform(0.05, a.api_gap))
        await asyncio.sleep(min(max(0.0, end - time.monotonic()), logu(rng, 1, 20)))


async def s_poll(h, rng, length, a):
    end = time.monotonic() + length
    if rng.random() < a.longpoll_frac:
        since = 0
        while time.monotonic() < end:
            hold = min(25, max(1, int(end - time.monotonic())))
            _, t = await h.request("GET", "/api/poll?since=%d&timeout=%d" % (since, hold))
            since = json.loads(t).get("last", since)
        return
    every = rng.uniform(a.poll_min, a.poll_max)
    while time.monotonic() < end:
        await h.request("GET", "/api/status" if rng.random() < 0.85 else "/api/items?n=%d" % rng.randint(1, 80))
        await asyncio.sleep(min(max(0.0, end - time.monotonic()), every * rng.uniform(0.8, 1.2)))


async def s_page(h, rng, length, a):
    end = time.monotonic() + length
    page = rng.choice(PAGES)
    while True:
        _, t = await h.request("GET", "/" + page)
        assets = sorted(set(ASSET.findall(t or "")))
        await asyncio.gather(*(h.request("GET", "/" + x, text=False) for x in assets))
        links = LINK.findall(t or "")
        if not links or time.monotonic() + 2 > end:
            return
        await asyncio.sleep(min(max(0.0, end - time.monotonic()), logu(rng, 2, 20)))
        page = rng.choice(links)


async def s_download(h, rng, length, a):
    end = time.monotonic() + length
    while time.monotonic() < end:
        await h.request("GET", "/dl/%d" % int(logu(rng, a.dl_min, a.dl_max)), text=False)
        await asyncio.sleep(min(max(0.0, end - time.monotonic()), logu(rng, 1, 15)))


async def s_upload(h, rng, length, a):
    for _ in range(rng.randint(1, 3)):
        n = int(logu(rng, a.up_min, a.up_max))
        await h.request(rng.choice(["POST", "PUT"]), "/api/upload", rng.getrandbits(8 * n).to_bytes(n, "little"))
        await asyncio.sleep(rng.uniform(0.3, 4))


async def text_browser(impl, rng, length, a):
    """w3m / lynx: one process (one connection) per page, following links after reading pauses."""
    end = time.monotonic() + length
    page = rng.choice(PAGES)
    while True:
        url = "%s/%s" % (a.url.rstrip("/"), page)
        cmd = ["w3m", "-dump", "-o", "ssl_verify_server=0", url] if impl == "w3m" else \
              ["lynx", "-dump", "-listonly", "-nonumbers", "-noredir", url]
        p = await asyncio.create_subprocess_exec(*cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                                 stdin=subprocess.DEVNULL)
        out, _ = await p.communicate()
        STATS["requests"] += 1
        links = [x for x in PAGES if x in out.decode(errors="replace")] or PAGES
        if time.monotonic() + 2 > end:
            return
        await asyncio.sleep(min(max(0.0, end - time.monotonic()), logu(rng, 2, 20)))
        page = rng.choice(links)


MODES = {"api": s_api, "poll": s_poll, "page": s_page, "download": s_download, "upload": s_upload}


async def user(a, uid, deadline):
    rng = random.Random(a.seed * 1000 + uid)
    await asyncio.sleep(rng.uniform(0, a.stagger))
    impls, modes = a.impls.split(","), a.mode.split(",")
    while deadline - time.monotonic() > 2:
        impl, mode = rng.choice(impls), rng.choice(modes)
        length = min(deadline - time.monotonic() - 1, logu(rng, a.session_min, a.session_max))
        t0 = time.monotonic()
        try:
            if impl in ("w3m", "lynx"):
                await text_browser(impl, rng, length, a)
            else:
                h = Http(impl, a)
                try:
                    await asyncio.wait_for(MODES[mode](h, rng, length, a), length + 60)
                finally:
                    await h.close()
            STATS["ok"] += 1
            log("user", uid, "session", impl, mode, "%.1fs" % (time.monotonic() - t0))
        except Exception as e:  # a failed session is counted and logged, the user goes on
            STATS["err"] += 1
            log("user", uid, "session error", impl, mode, repr(e))
            await asyncio.sleep(1)
        await asyncio.sleep(min(max(0.0, deadline - time.monotonic()), logu(rng, a.think_min, a.think_max)))


async def main(a):
    deadline = time.monotonic() + a.duration
    await asyncio.gather(*(user(a, i, deadline) for i in range(a.clients)))
    log("done", STATS)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True, help="origin, e.g. https://10.78.124.1:443")
    ap.add_argument("--impls", default="httpx", help="comma list of httpx, httpx2, aiohttp, w3m, lynx")
    ap.add_argument("--mode", default="api,poll,page", help="comma list of api, poll, page, download, upload")
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--session-min", type=float, default=5)
    ap.add_argument("--session-max", type=float, default=60)
    ap.add_argument("--think-min", type=float, default=0.5)
    ap.add_argument("--think-max", type=float, default=8)
    ap.add_argument("--stagger", type=float, default=3)
    ap.add_argument("--api-gap", type=float, default=1.5)
    ap.add_argument("--poll-min", type=float, default=1)
    ap.add_argument("--poll-max", type=float, default=6)
    ap.add_argument("--longpoll-frac", type=float, default=0.3)
    ap.add_argument("--dl-min", type=float, default=20000)
    ap.add_argument("--dl-max", type=float, default=400000)
    ap.add_argument("--up-min", type=float, default=1000)
    ap.add_argument("--up-max", type=float, default=200000)
    ap.add_argument("--cafile")
    ap.add_argument("--seed", type=int, default=1)
    asyncio.run(main(ap.parse_args()))

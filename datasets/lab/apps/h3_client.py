#!/usr/bin/env python3
"""HTTP/3 users on aioquic's H3 API: each session is one QUIC connection to the server.

  h3_client.py --host IP --port 443 --cafile ca.crt --clients 4 --duration 60 [--seed 1]
               [--mode pages,api,poll,upload,download] [--pages 6] [--dl-sizes 30000,200000]

Every user runs sessions (apps/userlib.py; one QUIC connection each, --session-min..--session-max
seconds) of one mode, with think times between requests: pages (a page, then its CSS/JS/images as parallel
streams, then 0-2 api/items*.json), api (small GETs of /api/items and /api/status), poll
(long-polls /api/poll?wait=S), upload (POSTs of --up-min..--up-max random bytes), download
(GET /dl/<size>).  Prints one summary line on stderr.  Runs with the aioquic virtual environment.
"""
import argparse
import asyncio
import os
import re
import time

from aioquic.asyncio import QuicConnectionProtocol, connect
from aioquic.h3.connection import H3_ALPN, H3Connection
from aioquic.h3.events import DataReceived, HeadersReceived
from aioquic.quic.configuration import QuicConfiguration

from userlib import UserTask, add_user_args, run_tasks

ASSET = re.compile(rb"(?:href|src)='((?:assets|img)/[^']+)'")


class H3Client(QuicConnectionProtocol):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._http = H3Connection(self._quic)
        self._pending = {}

    def quic_event_received(self, event):
        for ev in self._http.handle_event(event):
            if not isinstance(ev, (HeadersReceived, DataReceived)) or ev.stream_id not in self._pending:
                continue
            fut, body = self._pending[ev.stream_id]
            if isinstance(ev, DataReceived):
                body.extend(ev.data)
            if ev.stream_ended:
                del self._pending[ev.stream_id]
                if not fut.done():
                    fut.set_result(bytes(body))

    async def request(self, authority, method, path, body=b"", timeout=90):
        sid = self._quic.get_next_available_stream_id()
        self._http.send_headers(sid, [(b":method", method.encode()), (b":scheme", b"https"),
                                      (b":authority", authority.encode()), (b":path", path.encode()),
                                      (b"user-agent", b"aioquic-lab"), (b"accept", b"*/*")],
                                end_stream=not body)
        if body:
            self._http.send_data(sid, body, end_stream=True)
        fut = asyncio.get_running_loop().create_future()
        self._pending[sid] = (fut, bytearray())
        self.transmit()
        return await asyncio.wait_for(fut, timeout)


class User(UserTask):
    def __init__(self, a, n, until):
        super().__init__(a, n, until, "h3", stats=("requests", "bytes"))
        self.auth = f"[{a.host}]:{a.port}" if ":" in a.host else f"{a.host}:{a.port}"

    def think(self):
        return asyncio.sleep(self.rng.uniform(self.a.think_min, self.a.think_max))

    async def get(self, conn, method, path, body=b""):
        data = await conn.request(self.auth, method, path, body)
        self.count("requests")
        self.count("bytes", len(data))
        return data

    async def pages(self, conn):
        name = "index.html" if self.rng.random() < 0.3 else "p%d.html" % self.rng.randint(1, self.a.pages - 1)
        html = await self.get(conn, "GET", "/" + name)
        assets = list(dict.fromkeys(m.decode() for m in ASSET.findall(html)))
        await asyncio.gather(*(self.get(conn, "GET", "/" + p) for p in assets))
        for _ in range(self.rng.randint(0, 2)):
            await self.get(conn, "GET", "/api/items%d.json?r=%d" % (self.rng.randint(1, 4), self.rng.randint(1, 10**6)))

    async def api(self, conn):
        if self.rng.random() < 0.5:
            await self.get(conn, "GET", "/api/items?n=%d" % self.rng.randint(1, 60))
        else:
            await self.get(conn, "GET", "/api/status")

    async def poll(self, conn):
        await self.get(conn, "GET", "/api/poll?wait=%d" % self.rng.randint(2, 15))

    async def upload(self, conn):
        await self.get(conn, "POST", "/api/upload", os.urandom(self.rng.randint(self.a.up_min, self.a.up_max)))

    async def download(self, conn):
        await self.get(conn, "GET", "/dl/%d" % self.rng.choice(self.a.dl_sizes))

    async def session(self, mode, end):
        cfg = QuicConfiguration(is_client=True, alpn_protocols=H3_ALPN, server_name=self.a.server_name,
                                idle_timeout=self.a.idle_timeout)
        cfg.load_verify_locations(self.a.cafile)
        async with connect(self.a.host, self.a.port, configuration=cfg, create_protocol=H3Client) as conn:
            while time.monotonic() < end:
                await getattr(self, mode)(conn)
                await self.think()


async def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--host", required=True)
    ap.add_argument("--port", type=int, default=443)
    ap.add_argument("--server-name", default="lab.test")
    ap.add_argument("--cafile", required=True)
    ap.add_argument("--mode", default="pages,api,poll,upload,download")
    ap.add_argument("--pages", type=int, default=6)
    ap.add_argument("--dl-sizes", default="30000,200000,800000")
    ap.add_argument("--up-min", type=int, default=2000)
    ap.add_argument("--up-max", type=int, default=200000)
    ap.add_argument("--think-min", type=float, default=0.3)
    ap.add_argument("--think-max", type=float, default=5)
    ap.add_argument("--idle-timeout", type=float, default=30)
    add_user_args(ap, clients=4, session=(5, 30), gap=(0.5, 6))
    a = ap.parse_args()
    a.mode = a.mode.split(",")
    a.dl_sizes = [int(s) for s in a.dl_sizes.split(",")]
    await run_tasks("h3_client", User, a)


if __name__ == "__main__":
    asyncio.run(main())

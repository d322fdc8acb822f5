#!/usr/bin/env python3
"""The lab's HTTP/3 server on aioquic's H3 API (QUIC over UDP, TLS 1.3 inside QUIC).

  h3_server.py --host IP --port 443 --cert server.crt --key server.key --root SITE [--seed 1]

Serves the generated site (apps/gen_site.py: pages, assets, api/*.json) from --root and a small
API like apps/http_api.py's:
  GET  /api/status, /api/items?n=K   small JSON
  GET  /api/poll?wait=S (or timeout=S)  long-poll: answers after up to S seconds (an "event")
  POST /api/upload                   reads the body, answers its size
  GET  /dl/<N>                       N random bytes
Every answer carries alt-svc: h3=":PORT".  Runs with the aioquic virtual environment
(install.sh: /opt/flowclass-lab/h3-venv).
"""
import argparse
import asyncio
import json
import mimetypes
import os
import random
from urllib.parse import parse_qs, urlsplit

from aioquic.asyncio import QuicConnectionProtocol, serve
from aioquic.h3.connection import H3_ALPN, H3Connection
from aioquic.h3.events import DataReceived, HeadersReceived
from aioquic.quic.configuration import QuicConfiguration
from aioquic.quic.events import ProtocolNegotiated

MAX_DL = 20_000_000


class Site:
    """What the server answers: static files under root, the API, downloads."""

    def __init__(self, root, seed, port):
        self.root = os.path.realpath(root)
        self.rng = random.Random(seed)
        self.alt_svc = f'h3=":{port}"; ma=3600'.encode()

    def static(self, path):
        rel = path.lstrip("/") or "index.html"
        full = os.path.realpath(os.path.join(self.root, rel))
        if not full.startswith(self.root + os.sep) or not os.path.isfile(full):
            return 404, b"text/plain", b"not found\n"
        ctype = mimetypes.guess_type(full)[0] or "application/octet-stream"
        with open(full, "rb") as fh:
            return 200, ctype.encode(), fh.read()

    async def answer(self, method, target, body):
        """-> (status, content type, body) for one request."""
        url = urlsplit(target)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        path = url.path
        if path == "/api/status":
            return 200, b"application/json", json.dumps({"ok": True, "load": self.rng.random()}).encode()
        if path == "/api/items":
            n = max(1, min(200, int(q.get("n", self.rng.randint(3, 40)))))
            items = [{"id": self.rng.randint(1, 10**6), "name": "item%d" % i, "score": round(self.rng.random(), 4)}
                     for i in range(n)]
            return 200, b"application/json", json.dumps({"items": items}).encode()
        if path == "/api/poll":
            wait = max(0.0, min(60.0, float(q.get("wait", q.get("timeout", 10)))))
            await asyncio.sleep(self.rng.uniform(0.1, wait) if self.rng.random() < 0.6 else wait)
            return 200, b"application/json", json.dumps({"event": self.rng.randint(1, 10**9)}).encode()
        if path == "/api/upload" and method in ("POST", "PUT"):
            return 200, b"application/json", json.dumps({"received": len(body)}).encode()
        if path.startswith("/dl/") and path[4:].isdigit():
            n = min(int(path[4:]), MAX_DL)
            return 200, b"application/octet-stream", os.urandom(n)
        if method in ("GET", "HEAD"):
            return self.static(path)
        return 405, b"text/plain", b"method not allowed\n"


class H3Server(QuicConnectionProtocol):
    site: Site = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._http = None
        self._requests = {}

    def quic_event_received(self, event):
        if isinstance(event, ProtocolNegotiated) and event.alpn_protocol in H3_ALPN:
            self._http = H3Connection(self._quic)
        if self._http is None:
            return
        for ev in self._http.handle_event(event):
            if isinstance(ev, HeadersReceived):
                h = dict(ev.headers)
                self._requests[ev.stream_id] = (h.get(b":method", b"GET").decode(), h.get(b":path", b"/").decode(),
                                                bytearray())
            elif isinstance(ev, DataReceived) and ev.stream_id in self._requests:
                self._requests[ev.stream_id][2].extend(ev.data)
            else:
                continue
            if ev.stream_ended:
                asyncio.ensure_future(self._respond(ev.stream_id, *self._requests.pop(ev.stream_id)))

    async def _respond(self, sid, method, target, body):
        status, ctype, data = await self.site.answer(method, target, bytes(body))
        headers = [(b":status", str(status).encode()), (b"server", b"lab-h3"), (b"content-type", ctype),
                   (b"content-length", str(len(data)).encode()), (b"alt-svc", self.site.alt_svc)]
        try:
            self._http.send_headers(sid, headers)
            self._http.send_data(sid, b"" if method == "HEAD" else data, end_stream=True)
            self.transmit()
        except Exception:  # the client closed the connection meanwhile
            pass


async def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--host", required=True)
    ap.add_argument("--port", type=int, default=443)
    ap.add_argument("--cert", required=True)
    ap.add_argument("--key", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--idle-timeout", type=float, default=30.0)
    a = ap.parse_args()
    H3Server.site = Site(a.root, a.seed, a.port)
    cfg = QuicConfiguration(is_client=False, alpn_protocols=H3_ALPN, idle_timeout=a.idle_timeout)
    cfg.load_cert_chain(a.cert, a.key)
    await serve(a.host, a.port, configuration=cfg, create_protocol=H3Server)
    print(f"h3_server: listening on udp {a.host}:{a.port}", flush=True)
    await asyncio.Future()


if __name__ == "__main__":
    asyncio.run(main())

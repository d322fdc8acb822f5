#!/usr/bin/python3
"""flowclass lab WebSocket servers from independent Python stacks (issue 20).

Serves ws_server.py's application patterns (/ws/chat, feed, collab, rpc, telemetry, bulk, dash,
game) with ws_server.py's own handlers, run on an adapter around another implementation's
connection object, so the handshake, framing, masking checks, ping/pong, close handshake,
permessage-deflate, buffering and TLS termination are that implementation's:

  --impl tornado   tornado.websocket.WebSocketHandler (tornado's own HTTP/1.1 server, IOStream
                   and frame codec; Debian python3-tornado).  The same process also serves HTTP:
                   files from --static, and the API of http_api.py (/api/status, /api/items,
                   long-poll /api/poll, POST|PUT /api/upload, /dl/<bytes>) written for tornado.
  --impl autobahn  autobahn.asyncio WebSocketServerProtocol (autobahn's own handshake parser and
                   frame codec over an asyncio transport; Debian python3-autobahn).
  --impl uvicorn   uvicorn's ASGI server with ws="wsproto": the handshake and frames are the
                   h11 + wsproto state machines (Debian python3-uvicorn, python3-wsproto).

  impl_ws_server.py --impl tornado --host 10.78.120.1 --port 443 --cert c --key k --static DIR

Run with /usr/bin/python3.
"""
import argparse
import asyncio
import hashlib
import os
import random
import signal
import ssl
import sys
import time
from urllib.parse import urlencode

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ws_server  # noqa: E402  (the application handlers)
from impl_wsconn import Conn  # noqa: E402

A = None


async def serve_app(conn, shut):
    """Run the application on conn, then close the connection with `shut()`."""
    try:
        await ws_server.handler(conn)
    except Exception as e:  # a broken session must not take the server down
        ws_server.log("error", type(e).__name__, e)
    finally:
        if not conn.done:
            conn.finish()
            await shut()


def tls_context():
    if not A.cert:
        return None
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(A.cert, A.key)
    return ctx


async def until_signalled():
    stop = asyncio.get_running_loop().create_future()
    for s in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(s, lambda: stop.done() or stop.set_result(1))
    await stop


# ------------------------------------------------------------------ tornado
def run_tornado():
    import tornado.httpserver
    import tornado.web
    import tornado.websocket

    class TornadoConn(Conn):
        def __init__(self, h):
            super().__init__(h.request.uri, h.request.remote_ip)
            self._h = h

        async def _send(self, m):
            await self._h.write_message(m, binary=isinstance(m, (bytes, bytearray)))

        async def _close(self, code, reason):
            self._h.close(code, reason)

    class WsHandler(tornado.websocket.WebSocketHandler):
        def get_compression_options(self):
            return None if A.no_compression else {}

        def open(self, kind):
            self.conn = TornadoConn(self)
            self.task = asyncio.ensure_future(serve_app(self.conn, self._shut))

        async def _shut(self):
            self.close(1000)

        def on_message(self, m):
            self.conn.deliver(m)

        def on_close(self):
            self.conn.finish()

    events, cond, rng = [], asyncio.Condition(), random.Random(A.seed + 7)

    async def event_source():
        r = random.Random(A.seed)
        eid = 0
        while True:
            await asyncio.sleep(r.expovariate(1.0 / A.event_mean))
            eid += 1
            events.append((eid, {"id": eid, "kind": r.choice(["order", "mail", "alert", "comment"]),
                                 "body": "x" * int(r.lognormvariate(4.5, 1.0))}))
            del events[:-500]
            async with cond:
                cond.notify_all()

    class Status(tornado.web.RequestHandler):
        def get(self):
            self.write({"ts": time.time(), "load": round(rng.random(), 3), "queue": rng.randint(0, 50),
                        "last_event": events[-1][0] if events else 0,
                        "nodes": [{"n": i, "ok": rng.random() > 0.05} for i in range(rng.randint(1, 12))]})

    class Items(tornado.web.RequestHandler):
        def get(self):
            n = max(0, min(5000, int(self.get_argument("n", "20"))))
            self.write({"items": [{"id": rng.getrandbits(40), "name": "item-%d" % rng.getrandbits(16),
                                   "price": rng.randint(1, 10000) / 100, "qty": rng.randint(0, 99)}
                                  for _ in range(n)]})

    class Poll(tornado.web.RequestHandler):
        async def get(self):
            since = int(self.get_argument("since", "0") or 0) or (events[-1][0] if events else 0)
            end = time.monotonic() + max(1.0, min(120.0, float(self.get_argument("timeout", "25"))))
            ev = [e for i, e in events if i > since]
            while not ev and time.monotonic() < end:
                async with cond:
                    try:
                        await asyncio.wait_for(cond.wait(), end - time.monotonic())
                    except asyncio.TimeoutError:
                        pass
                ev = [e for i, e in events if i > since]
            self.write({"events": ev, "last": ev[-1]["id"] if ev else since})

    @tornado.web.stream_request_body
    class Upload(tornado.web.RequestHandler):
        def prepare(self):
            self.request.connection.set_max_body_size(2 ** 31)
            self.h, self.n = hashlib.sha256(), 0

        def data_received(self, chunk):
            self.h.update(chunk)
            self.n += len(chunk)

        def post(self):
            self.set_status(201)
            self.write({"bytes": self.n, "sha256": self.h.hexdigest()})

        put = post

    class Download(tornado.web.RequestHandler):
        async def get(self, size):
            left = max(0, min(2 ** 31, int(size)))
            self.set_header("Content-Type", "application/octet-stream")
            self.set_header("Content-Length", str(left))
            block = random.Random(left).getrandbits(8 * 65536).to_bytes(65536, "little")
            while left > 0:
                k = min(left, len(block))
                self.write(block[:k])
                await self.flush()
                left -= k

    routes = [(r"/ws/(\w+)", WsHandler), (r"/api/status", Status), (r"/api/items", Items),
              (r"/api/poll", Poll), (r"/api/upload", Upload), (r"/dl/(\d+)", Download)]
    if A.static:
        routes.append((r"/(.*)", tornado.web.StaticFileHandler, {"path": A.static, "default_filename": "index.html"}))
    app = tornado.web.Application(routes, websocket_ping_interval=A.ping_interval or None,
                                  websocket_max_message_size=2 ** 22)

    async def main():
        server = tornado.httpserver.HTTPServer(app, ssl_options=tls_context(), idle_connection_timeout=A.keepalive)
        server.listen(A.port, address=A.host)
        ev = asyncio.ensure_future(event_source())
        ws_server.log("listening", A.host, A.port, "tls" if A.cert else "plain", "tornado")
        await until_signalled()
        ev.cancel()
        server.stop()

    asyncio.run(main())


# ------------------------------------------------------------------ autobahn
def run_autobahn():
    from autobahn.asyncio.websocket import WebSocketServerFactory, WebSocketServerProtocol
    from autobahn.websocket.compress import PerMessageDeflateOffer, PerMessageDeflateOfferAccept

    class AutobahnConn(Conn):
        def __init__(self, proto, path, peer):
            super().__init__(path, peer)
            self._p = proto

        async def _send(self, m):
            if self._p.state != WebSocketServerProtocol.STATE_OPEN:
                raise ConnectionError("not open")
            self._p.sendMessage(m if isinstance(m, bytes) else m.encode(), isBinary=isinstance(m, bytes))
            await asyncio.sleep(0)   # let the transport write: sendMessage only queues

        async def _close(self, code, reason):
            self._p.sendClose(code, reason or None)

    class Proto(WebSocketServerProtocol):
        def onConnect(self, request):
            q = urlencode(request.params, doseq=True)
            self.conn = AutobahnConn(self, request.path + ("?" + q if q else ""), request.peer)

        def onOpen(self):
            self.task = asyncio.ensure_future(serve_app(self.conn, self._shut))

        async def _shut(self):
            self.sendClose(1000)

        def onMessage(self, payload, is_binary):
            self.conn.deliver(payload if is_binary else payload.decode("utf8"))

        def onClose(self, was_clean, code, reason):
            if hasattr(self, "conn"):
                self.conn.finish()

    def accept(offers):
        for o in offers:
            if isinstance(o, PerMessageDeflateOffer) and not A.no_compression:
                return PerMessageDeflateOfferAccept(o)
        return None

    async def main():
        scheme = "wss" if A.cert else "ws"
        factory = WebSocketServerFactory("%s://lab.test:%d" % (scheme, A.port))   # name only: Host is not checked
        factory.protocol = Proto
        factory.setProtocolOptions(autoPingInterval=A.ping_interval or 0, autoPingTimeout=60,
                                   perMessageCompressionAccept=accept, maxMessagePayloadSize=2 ** 22)
        server = await asyncio.get_running_loop().create_server(factory, A.host, A.port, ssl=tls_context())
        ws_server.log("listening", A.host, A.port, "tls" if A.cert else "plain", "autobahn")
        await until_signalled()
        server.close()

    asyncio.run(main())


# ------------------------------------------------------------------ uvicorn + wsproto
def run_uvicorn():
    import uvicorn

    class AsgiConn(Conn):
        def __init__(self, scope, send):
            qs = scope.get("query_string", b"").decode()
            super().__init__(scope["path"] + ("?" + qs if qs else ""), scope.get("client"))
            self._asgi_send = send

        async def _send(self, m):
            key = "bytes" if isinstance(m, (bytes, bytearray)) else "text"
            await self._asgi_send({"type": "websocket.send", key: m})

        async def _close(self, code, reason):
            await self._asgi_send({"type": "websocket.close", "code": code})

    async def app(scope, receive, send):
        if scope["type"] != "websocket":
            await send({"type": "http.response.start", "status": 404, "headers": [(b"content-type", b"text/plain")]})
            await send({"type": "http.response.body", "body": b"not found\n"})
            return
        if (await receive())["type"] != "websocket.connect":
            return
        await send({"type": "websocket.accept"})
        conn = AsgiConn(scope, send)

        async def pump():
            while True:
                ev = await receive()
                if ev["type"] == "websocket.disconnect":
                    conn.finish()
                    return
                conn.deliver(ev.get("text") if ev.get("text") is not None else ev.get("bytes"))

        reader = asyncio.ensure_future(pump())
        await serve_app(conn, lambda: conn._close(1000, ""))
        reader.cancel()

    uvicorn.run(app, host=A.host, port=A.port, ws="wsproto", ssl_certfile=A.cert, ssl_keyfile=A.key,
                log_level="warning", access_log=False, timeout_keep_alive=A.keepalive,
                ws_max_size=2 ** 22, lifespan="off")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--impl", required=True, choices=["tornado", "autobahn", "uvicorn"])
    ap.add_argument("--host", default=None)
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--cert")
    ap.add_argument("--key")
    ap.add_argument("--static", help="tornado: directory served to plain GET requests")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--ping-interval", type=float, default=20.0, help="protocol ping period, 0 = off "
                    "(tornado, autobahn; uvicorn's wsproto sends none)")
    ap.add_argument("--no-compression", action="store_true", help="disable permessage-deflate")
    ap.add_argument("--bulk-chunk", type=int, default=65536, help="/ws/bulk: bytes per binary frame sent")
    ap.add_argument("--keepalive", type=float, default=30.0, help="HTTP keep-alive idle timeout, s")
    ap.add_argument("--event-mean", type=float, default=8.0, help="tornado /api/poll: mean gap between events, s")
    A = ap.parse_args()
    ws_server.ARGS = argparse.Namespace(bulk_chunk=A.bulk_chunk, static=None)
    ws_server.RNG.seed(A.seed)
    {"tornado": run_tornado, "autobahn": run_autobahn, "uvicorn": run_uvicorn}[A.impl]()

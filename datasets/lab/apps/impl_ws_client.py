#!/usr/bin/python3
"""flowclass lab WebSocket clients from independent Python stacks (issue 20).

ws_client.py's users and session patterns (game, chat, collab, feed, burst, rpc, telemetry,
bulk, dash; same options) with the connection made by another implementation, so the
handshake, masking, framing, ping/pong, close handshake, permessage-deflate and TLS client are
that implementation's:

  --impl tornado   tornado.websocket.websocket_connect (tornado's HTTP client + frame codec)
  --impl aiohttp   aiohttp.ClientSession.ws_connect (aiohttp's client, its heartbeat pings)
  --impl autobahn  autobahn.asyncio WebSocketClientProtocol (autobahn's handshake + frame codec)

  impl_ws_client.py --impl tornado --url wss://10.78.121.1:443/ws --mode chat,rpc --clients 5 --duration 60

Run with /usr/bin/python3 (Debian's python3-tornado, python3-aiohttp, python3-autobahn).
"""
import asyncio
import contextlib
import os
import ssl
import sys
from urllib.parse import urlsplit

import websockets

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ws_client  # noqa: E402  (users and session patterns)
from impl_wsconn import Conn  # noqa: E402


@contextlib.asynccontextmanager
async def tornado_connect(url, ctx, a):
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    class TornadoConn(Conn):
        async def _send(self, m):
            await ws.write_message(m, binary=isinstance(m, (bytes, bytearray)))

        async def _close(self, code, reason):
            ws.close(code, reason)

    req = HTTPRequest(url, validate_cert=False, connect_timeout=10, request_timeout=10,
                      headers={"Origin": a.origin} if a.origin else None)
    try:
        ws = await websocket_connect(req, compression_options=None if a.no_compression else {},
                                     ping_interval=a.ping_interval or None, max_message_size=2 ** 22)
    except Exception as e:  # tornado's HTTP errors: report as a failed handshake
        raise websockets.InvalidHandshake(repr(e)) from e
    conn = TornadoConn(url)

    async def pump():
        while True:
            m = await ws.read_message()
            if m is None:
                conn.finish()
                return
            conn.deliver(m)

    reader = asyncio.ensure_future(pump())
    try:
        yield conn
    finally:
        ws.close(1000)
        await asyncio.wait([reader], timeout=3)
        reader.cancel()


@contextlib.asynccontextmanager
async def aiohttp_connect(url, ctx, a):
    import aiohttp

    class AiohttpConn(Conn):
        async def _send(self, m):
            if isinstance(m, (bytes, bytearray)):
                await ws.send_bytes(bytes(m))
            else:
                await ws.send_str(m)

        async def _close(self, code, reason):
            await ws.close(code=code, message=reason.encode())

    async with aiohttp.ClientSession(headers={"Origin": a.origin} if a.origin else None) as session:
        try:
            ws = await session.ws_connect(url, ssl=ctx if ctx else None, timeout=10,
                                          heartbeat=a.ping_interval or None, max_msg_size=2 ** 22,
                                          compress=0 if a.no_compression else 15)
        except aiohttp.ClientError as e:
            raise websockets.InvalidHandshake(repr(e)) from e
        conn = AiohttpConn(url)

        async def pump():
            async for msg in ws:
                if msg.type in (aiohttp.WSMsgType.TEXT, aiohttp.WSMsgType.BINARY):
                    conn.deliver(msg.data)
            conn.finish()

        reader = asyncio.ensure_future(pump())
        try:
            yield conn
        finally:
            await ws.close()
            reader.cancel()


@contextlib.asynccontextmanager
async def autobahn_connect(url, ctx, a):
    from autobahn.asyncio.websocket import WebSocketClientFactory, WebSocketClientProtocol
    from autobahn.websocket.compress import PerMessageDeflateOffer, PerMessageDeflateResponseAccept

    opened = asyncio.get_running_loop().create_future()

    class AutobahnConn(Conn):
        async def _send(self, m):
            if proto.state != WebSocketClientProtocol.STATE_OPEN:
                raise ConnectionError("not open")
            proto.sendMessage(m if isinstance(m, bytes) else m.encode(), isBinary=isinstance(m, bytes))
            await asyncio.sleep(0)   # sendMessage only queues: let the transport write

        async def _close(self, code, reason):
            proto.sendClose(code, reason or None)

    conn = AutobahnConn(url)

    class Proto(WebSocketClientProtocol):
        def onOpen(self):
            opened.done() or opened.set_result(True)

        def onMessage(self, payload, is_binary):
            conn.deliver(payload if is_binary else payload.decode("utf8"))

        def onClose(self, was_clean, code, reason):
            conn.finish()
            opened.done() or opened.set_exception(websockets.InvalidHandshake("closed: %s" % reason))

    u = urlsplit(url)
    factory = WebSocketClientFactory(url, origin=a.origin or None)
    factory.protocol = Proto
    opts = dict(autoPingInterval=a.ping_interval or 0, autoPingTimeout=60, maxMessagePayloadSize=2 ** 22,
                openHandshakeTimeout=10)
    if not a.no_compression:
        opts.update(perMessageCompressionOffers=[PerMessageDeflateOffer()],
                    perMessageCompressionAccept=lambda resp: PerMessageDeflateResponseAccept(resp))
    factory.setProtocolOptions(**opts)
    port = u.port or (443 if u.scheme == "wss" else 80)
    _, proto = await asyncio.wait_for(asyncio.get_running_loop().create_connection(
        factory, u.hostname, port, ssl=ctx, server_hostname=u.hostname if ctx else None), 10)
    await asyncio.wait_for(opened, 10)
    try:
        yield conn
    finally:
        if proto.state == WebSocketClientProtocol.STATE_OPEN:
            proto.sendClose(1000)
            for _ in range(30):
                if conn.done:
                    break
                await asyncio.sleep(0.1)
        if proto.transport is not None:   # autobahn drops it once the connection is gone
            proto.transport.close()


IMPLS = {"tornado": tornado_connect, "aiohttp": aiohttp_connect, "autobahn": autobahn_connect}

if __name__ == "__main__":
    ap = ws_client.arg_parser()
    ap.add_argument("--impl", required=True, choices=sorted(IMPLS))
    args = ap.parse_args()
    if args.url.startswith("wss:") and not args.cafile:
        ssl._create_default_https_context = ssl._create_unverified_context
    asyncio.run(ws_client.main(args, IMPLS[args.impl]))

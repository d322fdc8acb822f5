#!/usr/bin/python3
"""flowclass lab WebSocket server, second implementation: aiohttp's WebSocket support.

Serves the same application patterns as ws_server.py (/ws/chat, /ws/feed, /ws/collab, /ws/rpc,
/ws/telemetry, /ws/bulk, /ws/dash, /ws/game; see there) with the same application logic: the
handlers of ws_server.py run unchanged on an adapter around aiohttp.web.WebSocketResponse, so
only the WebSocket/HTTP stack differs (aiohttp's handshake, framing, heartbeat pings, close
handshake, permessage-deflate, and aiohttp's own TLS termination with --cert/--key).

  ws_aiohttp_server.py --host 10.78.84.1 --port 8443 --cert server.crt --key server.key --heartbeat 7

Run with /usr/bin/python3 (Debian's python3-aiohttp and python3-websockets).
"""
import argparse
import asyncio
import os
import ssl
import sys

import websockets
from aiohttp import web, WSMsgType

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ws_server  # noqa: E402  (the application handlers)


def closed():
    return websockets.ConnectionClosed(None, None)


class Conn:
    """The part of a websockets connection ws_server.py's handlers use."""

    def __init__(self, request, ws):
        self._ws = ws
        self.path = request.path_qs
        peer = request.transport.get_extra_info("peername") if request.transport else None
        self.remote_address = peer

    async def send(self, m):
        if self._ws.closed:
            raise closed()
        try:
            if isinstance(m, (bytes, bytearray)):
                await self._ws.send_bytes(bytes(m))
            else:
                await self._ws.send_str(m)
        except (ConnectionResetError, RuntimeError):
            raise closed()

    async def close(self, code=1000, reason=""):
        await self._ws.close(code=code, message=reason.encode())

    def __aiter__(self):
        return self._messages()

    async def _messages(self):
        async for msg in self._ws:
            if msg.type not in (WSMsgType.TEXT, WSMsgType.BINARY):
                break
            yield msg.data


async def ws_handler(request):
    ws = web.WebSocketResponse(heartbeat=A.heartbeat or None, compress=not A.no_compression,
                               max_msg_size=2 ** 22)
    if not ws.can_prepare(request).ok:
        return web.Response(status=404, text="not found\n")
    await ws.prepare(request)
    try:
        await ws_server.handler(Conn(request, ws))
    except Exception as e:  # a broken session must not take the server down
        ws_server.log("error", type(e).__name__, e)
    if not ws.closed:
        await ws.close()
    return ws


def main():
    app = web.Application()
    app.router.add_get("/ws/{kind}", ws_handler)
    ctx = None
    if A.cert:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(A.cert, A.key)
    ws_server.log("listening", A.host, A.port, "tls" if ctx else "plain", "aiohttp")
    web.run_app(app, host=A.host, port=A.port, ssl_context=ctx, print=None, access_log=None)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default=None)
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--cert")
    ap.add_argument("--key")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--heartbeat", type=float, default=20.0, help="aiohttp heartbeat (ping) period, 0 = off")
    ap.add_argument("--no-compression", action="store_true", help="disable permessage-deflate")
    ap.add_argument("--bulk-chunk", type=int, default=65536, help="/ws/bulk: bytes per binary frame sent")
    A = ap.parse_args()
    ws_server.ARGS = argparse.Namespace(bulk_chunk=A.bulk_chunk, static=None)
    ws_server.RNG.seed(A.seed)
    main()

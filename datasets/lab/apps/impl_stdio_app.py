#!/usr/bin/python3
"""One WebSocket session of the lab's text applications over stdin/stdout, for servers that
hand each connection to a program: websocketd (Go, gorilla/websocket) and websocat (Rust,
rust-websocket) start one process per connection and turn every incoming text message into a line
on its stdin and every line it prints into a text message.

The application is ws_server.py's handler for the connection's URL path (chat, collab, feed,
rpc, telemetry, dash: the JSON text patterns; game and bulk need binary frames), which both
servers pass in the environment (websocketd: REQUEST_URI, CGI style; websocat
--set-environment: WEBSOCAT_URI).  Being one process per connection, a chat room or document has
only this one member.

  websocketd --port 8080 /usr/bin/python3 impl_stdio_app.py --seed 5
"""
import argparse
import asyncio
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ws_server  # noqa: E402  (the application handlers)
from impl_wsconn import Conn  # noqa: E402


class StdioConn(Conn):
    async def _send(self, m):
        if isinstance(m, (bytes, bytearray)):
            raise ValueError("binary messages do not fit a line protocol")
        sys.stdout.write(m + "\n")
        sys.stdout.flush()

    async def _close(self, code, reason):
        self.finish()


async def main():
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=2 ** 22)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    path = os.environ.get("REQUEST_URI") or os.environ.get("WEBSOCAT_URI") or "/ws/chat"
    conn = StdioConn(path, os.environ.get("REMOTE_ADDR"))

    async def pump():
        while True:
            line = await reader.readline()
            if not line:
                conn.finish()
                return
            conn.deliver(line.decode("utf8").rstrip("\n"))

    task = asyncio.ensure_future(pump())
    await ws_server.handler(conn)
    task.cancel()


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    ws_server.ARGS = argparse.Namespace(bulk_chunk=65536, static=None)
    # one process per connection: mix the process id into the seed so sessions differ
    ws_server.RNG.seed(a.seed * 100003 + os.getpid())
    ws_server.log = lambda *x: None   # stderr would go to the server's log per line
    asyncio.run(main())

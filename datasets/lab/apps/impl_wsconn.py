"""The connection object the lab's WebSocket applications use, on top of any WebSocket stack.

ws_server.py's handlers and ws_client.py's session patterns were written against a
`websockets` connection: `send(m)` (str = text frame, bytes = binary frame), `recv()`, async
iteration over incoming messages, `close(code, reason)`, `path`, `remote_address`, and
`websockets.ConnectionClosed` when the peer is gone.  `Conn` gives them exactly that for the
other implementations (impl_ws_server.py, impl_ws_client.py): the stack's callbacks push each
received message with `deliver` and the end with `finish`; a subclass implements `_send(m)` and
`_close(code, reason)` with the stack's own calls.
"""
import asyncio

import websockets


def closed():
    return websockets.ConnectionClosed(None, None)


class Conn:
    def __init__(self, path="", peer=None):
        self.path = path
        self.remote_address = peer
        self._queue = asyncio.Queue()
        self.done = False

    def deliver(self, m):
        self._queue.put_nowait(m)

    def finish(self):
        if not self.done:
            self.done = True
            self._queue.put_nowait(None)

    async def send(self, m):
        if self.done:
            raise closed()
        try:
            await self._send(m)
        except Exception as e:  # each stack has its own "closed" error
            self.finish()
            raise closed() from e

    async def close(self, code=1000, reason=""):
        await self._close(code, reason)

    async def recv(self):
        m = await self._queue.get()
        if m is None:
            self._queue.put_nowait(None)
            raise closed()
        return m

    def __aiter__(self):
        return self

    async def __anext__(self):
        try:
            return await self.recv()
        except websockets.ConnectionClosed:
            raise StopAsyncIteration from None

    async def _send(self, m):
        raise NotImplementedError

    async def _close(self, code, reason):
        raise NotImplementedError

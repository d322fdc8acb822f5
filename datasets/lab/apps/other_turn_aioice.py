#!/usr/bin/env python3
"""A TURN client session (aioice, Debian python3-aioice: the ICE library of aiortc): one allocation on
SERVER:PORT with long-term credentials, a channel bound to each PEER (ChannelBind), then COUNT
datagrams of LEN..LEN*2 bytes every INTERVAL ms round-robin to the peers through the relay
(ChannelData; the peers, turnutils_peer, echo them), then the allocation is deleted (Refresh with
lifetime 0).

    other_turn_aioice.py SERVER PORT USER PASSWORD COUNT LEN INTERVAL_MS SEED PEER:PORT...
"""
import asyncio
import random
import sys

from aioice import turn


class Echo(asyncio.DatagramProtocol):
    def __init__(self):
        self.got = 0

    def datagram_received(self, data, addr):
        self.got += 1


async def main():
    server, port, user, pw, count, size, gap, seed = sys.argv[1:9]
    peers = [(p.rsplit(":", 1)[0], int(p.rsplit(":", 1)[1])) for p in sys.argv[9:]]
    r = random.Random(seed)
    transport, proto = await turn.create_turn_endpoint(Echo, (server, int(port)), user, pw, lifetime=120)
    print("relayed", transport.get_extra_info("sockname"), flush=True)
    try:
        for i in range(int(count)):
            n = r.randint(int(size), 2 * int(size))
            transport.sendto(bytes(r.getrandbits(8) for _ in range(n)), peers[i % len(peers)])
            await asyncio.sleep(int(gap) / 1000 * r.uniform(0.8, 1.2))
        await asyncio.sleep(0.3)
    finally:
        print("echoes", proto.got, flush=True)
        transport.close()
        await asyncio.sleep(0.5)


asyncio.run(main())

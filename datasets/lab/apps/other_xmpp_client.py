#!/usr/bin/env python3
"""XMPP chat users for the XMPP scenarios (slixmpp): USERS accounts userN@lab.test (password
labpass) log in, send presence, fetch the roster, chat with each other (a message every 1.5-12 s,
10-400 characters), some join the room lab@conference.lab.test; a session lasts 5-45 s, then the
user logs out and comes back 1-6 s later, until DURATION s are over.  --tls starttls|direct|both:
STARTTLS on PORT, or implicit TLS on --direct-port, or either per session.

    other_xmpp_client.py --host H --port P --seed N --users 5 --duration 60 [--tls MODE --direct-port P2]
"""
import argparse
import asyncio
import logging
import random
import ssl
import time

import slixmpp


class Chatter(slixmpp.ClientXMPP):
    def __init__(self, jid, rnd, peers, muc):
        super().__init__(jid, "labpass")
        self.rnd, self.peers, self.muc = rnd, peers, muc
        self.register_plugin("xep_0030")
        self.register_plugin("xep_0045")
        self.register_plugin("xep_0199")
        self.add_event_handler("session_start", self.start)
        self.ended = asyncio.Event()
        self.add_event_handler("disconnected", lambda _e: self.ended.set())

    async def start(self, _event):
        self.send_presence()
        await self.get_roster()
        if self.muc:
            self.plugin["xep_0045"].join_muc("lab@conference.lab.test", self.boundjid.user)
        stop = time.time() + self.rnd.uniform(5, 45)
        while time.time() < stop:
            await asyncio.sleep(self.rnd.uniform(1.5, 12))
            body = "".join(self.rnd.choices("abcdefghij klmnopqrstuvwxyz.,!?", k=self.rnd.randint(10, 400)))
            if self.muc and self.rnd.random() < 0.4:
                self.send_message(mto="lab@conference.lab.test", mbody=body, mtype="groupchat")
            else:
                self.send_message(mto=self.rnd.choice(self.peers), mbody=body, mtype="chat")
        self.disconnect()


async def user(args, uid, end):
    rnd = random.Random(f"{args.seed}/{uid}")
    peers = [f"user{i}@lab.test" for i in range(1, args.users + 1) if i != uid]
    await asyncio.sleep(rnd.uniform(0, 4))
    while time.time() < end:
        c = Chatter(f"user{uid}@lab.test/lab{rnd.randint(0, 999)}", rnd, peers, rnd.random() < 0.4)
        c.ssl_context.check_hostname = False
        c.ssl_context.verify_mode = ssl.CERT_NONE
        mode = args.tls if args.tls != "both" else rnd.choice(["starttls", "direct"])
        if mode == "direct":
            c.connect((args.host, args.direct_port), use_ssl=True)
        else:
            c.connect((args.host, args.port), disable_starttls=mode is None, force_starttls=mode == "starttls")
        try:
            await asyncio.wait_for(c.ended.wait(), timeout=max(5, end - time.time() + 30))
        except asyncio.TimeoutError:
            c.disconnect()
        await asyncio.sleep(rnd.uniform(1, 6))


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", required=True)
    ap.add_argument("--port", type=int, default=5222)
    ap.add_argument("--direct-port", type=int, default=5223)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--users", type=int, default=5)
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--tls", choices=["starttls", "direct", "both"])
    args = ap.parse_args()
    logging.basicConfig(level=logging.ERROR)
    end = time.time() + args.duration
    await asyncio.gather(*(user(args, u, end) for u in range(1, args.users + 1)))


if __name__ == "__main__":
    asyncio.run(main())

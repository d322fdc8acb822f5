#!/usr/bin/env python3
"""IRC users for the IRC scenarios (the `irc` library): USERS users connect, register (NICK/USER),
join 1-3 of #lab #ops #random, talk (a line every 2-25 s, now and then a 5-15-line paste), answer
the server's PINGs, and quit after 10-80 s; 1-8 s later they come back with a new connection,
until DURATION s are over.  --tls CA: TLS connections.

    other_irc_client.py --host H --port P --seed N --users 6 --duration 60 [--tls CA]
"""
import argparse
import random
import ssl
import threading
import time

import irc.client
import irc.connection

WORDS = open("/usr/share/common-licenses/GPL-3").read().split()


def session(args, rnd, uid):
    reactor = irc.client.IRC()
    factory = irc.connection.Factory()
    if args.tls:
        ctx = ssl.create_default_context(cafile=args.tls)
        factory = irc.connection.Factory(wrapper=lambda s: ctx.wrap_socket(s, server_hostname="lab.test"))
    nick = f"user{uid}x{rnd.randint(0, 999)}"
    c = reactor.server().connect(args.host, args.port, nick, username=f"u{uid}", ircname=f"Lab user {uid}",
                                 connect_factory=factory)
    chans = rnd.sample(["#lab", "#ops", "#random"], rnd.randint(1, 3))
    for ch in chans:
        c.join(ch)
    stop = time.time() + rnd.uniform(10, 80)
    nxt = time.time() + rnd.uniform(1, 5)
    while time.time() < stop:
        reactor.process_once(timeout=0.5)
        if time.time() >= nxt:
            ch = rnd.choice(chans)
            lines = rnd.randint(5, 15) if rnd.random() < 0.08 else 1
            for _ in range(lines):
                c.privmsg(ch, " ".join(rnd.choices(WORDS, k=rnd.randint(2, 40))))
            nxt = time.time() + rnd.uniform(2, 25)
    c.quit("bye")
    reactor.process_once(timeout=0.5)
    c.close()


def user(args, uid):
    rnd = random.Random(f"{args.seed}/{uid}")
    end = time.time() + args.duration
    time.sleep(rnd.uniform(0, 4))
    while time.time() < end:
        try:
            session(args, rnd, uid)
        except (irc.client.ServerConnectionError, OSError):
            time.sleep(1)
        time.sleep(rnd.uniform(1, 8))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", required=True)
    ap.add_argument("--port", type=int, default=6667)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--users", type=int, default=6)
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--tls")
    args = ap.parse_args()
    ts = [threading.Thread(target=user, args=(args, u)) for u in range(1, args.users + 1)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Mail readers for the IMAP/POP3 scenarios (imaplib, poplib): READERS users for DURATION s.
An IMAP session logs in, selects INBOX, fetches the headers of the newest 10-50 messages, reads
1-6 bodies, polls with NOOP for 10-60 s (a client left open) and logs out; a POP3 session does
STAT/LIST/UIDL, retrieves 1-8 messages (TOP for some) and quits.  With --tls: implicit TLS
(993/995) or STARTTLS/STLS on the plain ports, alternately.

    other_mail_client.py --host H --seed N --readers 4 --duration 60 [--imap-port P] [--pop3-port P] [--tls CA]
"""
import argparse
import imaplib
import poplib
import random
import ssl
import threading
import time


def tls_context(args):
    ctx = ssl.create_default_context(cafile=args.tls)
    return ctx


def imap_session(args, rnd, user):
    implicit = args.tls and rnd.random() < 0.5
    if implicit:
        m = imaplib.IMAP4_SSL(args.host, args.imaps_port, ssl_context=tls_context(args))
    else:
        m = imaplib.IMAP4(args.host, args.imap_port)
        if args.tls:
            m.starttls(ssl_context=tls_context(args))
    m.login(user, "labpass")
    _t, data = m.select("INBOX")
    n = int(data[0])
    if n:
        lo = max(1, n - rnd.randint(10, 50))
        m.fetch(f"{lo}:{n}", "(FLAGS BODY.PEEK[HEADER.FIELDS (FROM SUBJECT DATE)])")
        for _ in range(rnd.randint(1, 6)):
            time.sleep(rnd.uniform(1, 6))
            m.fetch(str(rnd.randint(1, n)), "(BODY[])")
    stop = time.time() + rnd.uniform(10, 60)
    while time.time() < stop:
        time.sleep(rnd.uniform(3, 15))
        m.noop()
    m.logout()


def pop3_session(args, rnd, user):
    implicit = args.tls and rnd.random() < 0.5
    if implicit:
        p = poplib.POP3_SSL(args.host, args.pop3s_port, context=tls_context(args))
    else:
        p = poplib.POP3(args.host, args.pop3_port)
        if args.tls:
            p.stls(context=tls_context(args))
    p.user(user)
    p.pass_("labpass")
    count, _size = p.stat()
    p.list()
    p.uidl()
    for _ in range(min(count, rnd.randint(1, 8))):
        time.sleep(rnd.uniform(0.2, 2))
        if rnd.random() < 0.3:
            p.top(rnd.randint(1, count), 10)
        else:
            p.retr(rnd.randint(1, count))
    p.quit()


def reader(args, uid):
    rnd = random.Random(f"{args.seed}/{uid}")
    end = time.time() + args.duration
    user = f"user{uid % 6 + 1}"
    time.sleep(rnd.uniform(0, 3))
    while time.time() < end:
        try:
            (imap_session if rnd.random() < 0.55 else pop3_session)(args, rnd, user)
        except (imaplib.IMAP4.error, poplib.error_proto, OSError):
            time.sleep(1)
        time.sleep(rnd.uniform(2, 10))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", required=True)
    ap.add_argument("--imap-port", type=int, default=143)
    ap.add_argument("--imaps-port", type=int, default=993)
    ap.add_argument("--pop3-port", type=int, default=110)
    ap.add_argument("--pop3s-port", type=int, default=995)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--readers", type=int, default=4)
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--tls")
    args = ap.parse_args()
    ts = [threading.Thread(target=reader, args=(args, u)) for u in range(args.readers)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


if __name__ == "__main__":
    main()

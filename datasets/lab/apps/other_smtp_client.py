#!/usr/bin/env python3
"""Mail submitters for the SMTP scenarios (smtplib): SENDERS users for DURATION s, each sending a
message now and then (0.5-120 kB, some with attachments; 1-3 recipients; sometimes 2-5 messages over
one connection), 2-15 s apart.  --mode plain: port 25, EHLO, no TLS; --mode starttls: STARTTLS
then AUTH PLAIN; --mode smtps: implicit TLS then AUTH.

    other_smtp_client.py --host H --port P --seed N --senders 3 --duration 60 [--mode plain|starttls|smtps] [--ca CA]
"""
import argparse
import random
import smtplib
import ssl
import threading
import time
from email.message import EmailMessage


def message(rnd, words, sender):
    m = EmailMessage()
    m["From"] = sender
    m["To"] = ", ".join(f"user{rnd.randint(1, 6)}@lab.test" for _ in range(rnd.randint(1, 3)))
    m["Subject"] = " ".join(rnd.choices(words, k=rnd.randint(2, 8)))
    m.set_content(" ".join(rnd.choices(words, k=rnd.randint(50, 4000))))
    if rnd.random() < 0.3:
        m.add_attachment(rnd.randbytes(rnd.randint(2000, 90000)), maintype="application", subtype="pdf",
                         filename="report.pdf")
    return m


def session(args, rnd, words, uid):
    ctx = ssl.create_default_context(cafile=args.ca) if args.ca else None
    if args.mode == "smtps":
        s = smtplib.SMTP_SSL(args.host, args.port, context=ctx, timeout=30)
    else:
        s = smtplib.SMTP(args.host, args.port, timeout=30)
    s.ehlo(f"client{uid}.lab.test")
    if args.mode == "starttls":
        s.starttls(context=ctx)
        s.ehlo(f"client{uid}.lab.test")
    if args.mode != "plain":
        s.login(f"user{uid}", "labpass")
    for _ in range(1 if rnd.random() < 0.7 else rnd.randint(2, 5)):
        s.send_message(message(rnd, words, f"user{uid}@lab.test"))
        time.sleep(rnd.uniform(0.2, 2))
    s.quit()


def sender(args, uid, words):
    rnd = random.Random(f"{args.seed}/{uid}")
    end = time.time() + args.duration
    time.sleep(rnd.uniform(0, 3))
    while time.time() < end:
        try:
            session(args, rnd, words, uid)
        except (smtplib.SMTPException, OSError):
            time.sleep(1)
        time.sleep(rnd.uniform(2, 15))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", required=True)
    ap.add_argument("--port", type=int, default=25)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--senders", type=int, default=3)
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--mode", choices=["plain", "starttls", "smtps"], default="plain")
    ap.add_argument("--ca")
    args = ap.parse_args()
    words = open("/usr/share/common-licenses/GPL-3").read().split()
    ts = [threading.Thread(target=sender, args=(args, u + 1, words)) for u in range(args.senders)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


if __name__ == "__main__":
    main()

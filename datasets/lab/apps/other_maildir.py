#!/usr/bin/env python3
"""Fills Maildirs for the mail scenarios: DIR/userN/Maildir/{cur,new,tmp} for USERS users, each
with 20-60 RFC 5322 messages of 0.5-80 kB (text, some with a base64 attachment), seeded.

    other_maildir.py DIR --users 6 --seed N
"""
import argparse
import os
import random
from email.message import EmailMessage
from email.utils import formatdate


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--users", type=int, default=6)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    words = open("/usr/share/common-licenses/GPL-3").read().split()
    for u in range(1, args.users + 1):
        md = os.path.join(args.dir, f"user{u}", "Maildir")
        for sub in ("cur", "new", "tmp"):
            os.makedirs(os.path.join(md, sub), exist_ok=True)
        for i in range(rnd.randint(20, 60)):
            m = EmailMessage()
            m["From"] = f"sender{rnd.randint(1, 50)}@example.org"
            m["To"] = f"user{u}@lab.test"
            m["Subject"] = " ".join(rnd.choices(words, k=rnd.randint(2, 8)))
            m["Date"] = formatdate(1790000000 + i * 3600)
            m.set_content(" ".join(rnd.choices(words, k=rnd.randint(60, 1500))))
            if rnd.random() < 0.3:
                m.add_attachment(rnd.randbytes(rnd.randint(2000, 60000)), maintype="application",
                                 subtype="octet-stream", filename=f"file{i}.bin")
            with open(os.path.join(md, "cur" if rnd.random() < 0.6 else "new", f"{1790000000 + i}.M{i}P{u}.lab:2,"), "wb") as fh:
                fh.write(bytes(m))


if __name__ == "__main__":
    main()

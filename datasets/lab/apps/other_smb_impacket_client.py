#!/usr/bin/env python3
"""impacket's SMB client (SMBConnection, as impacket's smbclient.py uses it) for the lab's impacket
SMB scenarios: SESSIONS sessions one after another, each logs in (anonymous or a made-up user),
lists the shares and a directory, and gets or puts a file, then pauses.  Runs in the impacket venv.

    other_smb_impacket_client.py --host H --port P --seed N --sessions 5 --upload FILE [--files a,b]
"""
import argparse
import io
import random
import sys
import time

from impacket.smbconnection import SMBConnection


def session(a, rnd, n):
    c = SMBConnection(a.host, a.host, sess_port=a.port, timeout=30)
    if rnd.random() < 0.5:
        c.login("", "")
    else:
        c.login(f"user{n}", "labpass", domain="LAB")
    shares = [s["shi1_netname"][:-1] for s in c.listShares()]
    names = [f.get_longname() for f in c.listPath("PUB", "*")]
    k = rnd.randint(1, 3)
    if k == 1:
        f = rnd.choice(a.files.split(","))
        buf = io.BytesIO()
        c.getFile("PUB", f, buf.write)
        got = len(buf.getvalue())
    elif k == 2:
        with open(a.upload, "rb") as fh:
            c.putFile("DROP", f"imp{n}.bin", fh.read)
        got = -1
        c.listPath("DROP", "*")
    else:
        docs = [f.get_longname() for f in c.listPath("PUB", "docs\\*") if not f.is_directory()]
        buf = io.BytesIO()
        c.getFile("PUB", "docs\\" + rnd.choice(docs), buf.write)
        got = len(buf.getvalue())
    c.logoff()
    c.close()
    print(f"session {n}: shares={shares} kind={k} bytes={got}", file=sys.stderr, flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", required=True)
    ap.add_argument("--port", type=int, default=445)
    ap.add_argument("--seed", default="1")
    ap.add_argument("--sessions", type=int, default=5)
    ap.add_argument("--upload", required=True)
    ap.add_argument("--files", default="data10000.bin,data90000.bin")
    ap.add_argument("--tag", default="")
    a = ap.parse_args()
    rnd = random.Random(f"{a.seed}/impclient{a.tag}")
    for n in range(a.sessions):
        try:
            session(a, rnd, f"{a.tag}{n}")
        except Exception as e:  # a failed session is logged, the next one still runs
            print(f"session {n}: {e!r}", file=sys.stderr, flush=True)
        time.sleep(rnd.uniform(0.5, 3))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""FTP users for the FTP scenarios (Python ftplib): USERS users for DURATION s; each session logs
in anonymously, lists directories, downloads 1-4 files, sometimes uploads one, with think times;
half the sessions use active mode (PORT/EPRT: the server opens the data connections), the rest
passive (PASV/EPSV).  With --tls: FTP_TLS (AUTH TLS, PROT P).

    other_ftp_client.py --host H --port P --seed N --users 3 --duration 60 --upload FILE [--tls]
"""
import argparse
import ftplib
import io
import random
import threading
import time


def session(args, rnd):
    ftp = ftplib.FTP_TLS() if args.tls else ftplib.FTP()
    ftp.connect(args.host, args.port, timeout=30)
    ftp.login()
    if args.tls:
        ftp.prot_p()
    ftp.set_pasv(rnd.random() < 0.5)
    ftp.cwd("pub")
    names = ftp.nlst()
    for _ in range(rnd.randint(1, 4)):
        time.sleep(rnd.uniform(0.5, 4))
        if rnd.random() < 0.3:
            ftp.dir(lambda _line: None)
        ftp.retrbinary("RETR " + rnd.choice(names), lambda _b: None)
    if rnd.random() < 0.4:
        time.sleep(rnd.uniform(0.5, 3))
        with open(args.upload, "rb") as fh:
            data = fh.read()[: rnd.randint(10000, 200000)]
        ftp.storbinary(f"STOR /incoming/py{rnd.randint(0, 10**6)}.bin", io.BytesIO(data))
    ftp.quit()


def user(args, uid):
    rnd = random.Random(f"{args.seed}/{uid}")
    end = time.time() + args.duration
    time.sleep(rnd.uniform(0, 3))
    while time.time() < end:
        try:
            session(args, rnd)
        except (ftplib.Error, OSError, EOFError):
            time.sleep(1)
        time.sleep(rnd.uniform(1, 8))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", required=True)
    ap.add_argument("--port", type=int, default=21)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--users", type=int, default=3)
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--upload", required=True)
    ap.add_argument("--tls", action="store_true")
    args = ap.parse_args()
    ts = [threading.Thread(target=user, args=(args, u)) for u in range(args.users)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


if __name__ == "__main__":
    main()

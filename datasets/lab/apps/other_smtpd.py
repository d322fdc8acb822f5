#!/usr/bin/env python3
"""An SMTP server built on aiosmtpd for the SMTP scenarios: accepts mail for any recipient into a
Maildir.  Without --tls: plain SMTP on PORT.  With --tls CERTDIR: STARTTLS on PORT (AUTH required
after it, password "labpass") and implicit TLS on --smtps-port.

    other_smtpd.py --host H --port P --maildir DIR [--tls CERTDIR --smtps-port 465]
"""
import argparse
import mailbox
import ssl
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class MaildirHandler:
    def __init__(self, path):
        self.box = mailbox.Maildir(path)

    async def handle_DATA(self, server, session, envelope):
        self.box.add(envelope.content)
        return "250 OK queued"


def check_password(server, session, envelope, mechanism, data):
    return AuthResult(success=data.password == b"labpass")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", required=True)
    ap.add_argument("--port", type=int, default=25)
    ap.add_argument("--maildir", required=True)
    ap.add_argument("--tls")
    ap.add_argument("--smtps-port", type=int, default=465)
    args = ap.parse_args()
    handler = MaildirHandler(args.maildir)
    kw = dict(hostname=args.host, server_hostname="mail.lab.test", authenticator=check_password)
    if args.tls:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(f"{args.tls}/server.crt", f"{args.tls}/server.key")
        servers = [Controller(handler, port=args.port, tls_context=ctx, require_starttls=True, auth_required=True, **kw),
                   Controller(handler, port=args.smtps_port, ssl_context=ctx, auth_required=True, **kw)]
    else:
        servers = [Controller(handler, port=args.port, auth_require_tls=True, **kw)]
    for s in servers:
        s.start()
    print("listening", flush=True)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()

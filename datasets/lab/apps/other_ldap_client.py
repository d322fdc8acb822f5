#!/usr/bin/env python3
"""Directory users for the LDAP scenarios (ldap3): USERS users for DURATION s; each session binds
(as the admin, or anonymously), runs 2-25 operations (look up a person by uid, search a department
with 10-300 results, a paged search of everyone, modify a phone number, compare a mail address),
0.1-3 s apart, and unbinds; --tls: ldaps:// (implicit TLS) or StartTLS, alternately.

    other_ldap_client.py --host H --port P --seed N --users 3 --duration 60 [--tls CA --tls-port P2]
"""
import argparse
import random
import ssl
import threading
import time

import ldap3
from ldap3.core.exceptions import LDAPException

BASE = "dc=lab,dc=test"


def session(args, rnd):
    tls = ldap3.Tls(ca_certs_file=args.tls, validate=ssl.CERT_REQUIRED) if args.tls else None
    implicit = bool(args.tls) and rnd.random() < 0.5
    server = ldap3.Server(args.host, port=args.tls_port if implicit else args.port, use_ssl=implicit, tls=tls)
    admin = rnd.random() < 0.6
    conn = ldap3.Connection(server, user=f"cn=admin,{BASE}" if admin else None,
                            password="labpass" if admin else None)
    if args.tls and not implicit:
        conn.open()
        conn.start_tls()
    conn.bind()
    for _ in range(rnd.randint(2, 25)):
        op = rnd.random()
        if op < 0.4:
            conn.search(f"ou=people,{BASE}", f"(uid=user{rnd.randint(1, 400)})", attributes=["cn", "mail", "telephoneNumber"])
        elif op < 0.65:
            conn.search(f"ou=people,{BASE}", f"(departmentNumber={rnd.randint(1, 12)})", attributes=ldap3.ALL_ATTRIBUTES)
        elif op < 0.75:
            conn.extend.standard.paged_search(f"ou=people,{BASE}", "(objectClass=inetOrgPerson)",
                                              attributes=["cn", "mail"], paged_size=100, generator=False)
        elif op < 0.9 and admin:
            conn.modify(f"uid=user{rnd.randint(1, 400)},ou=people,{BASE}",
                        {"telephoneNumber": [(ldap3.MODIFY_REPLACE, [f"+1 555 {rnd.randint(1000, 9999)}"])]})
        else:
            n = rnd.randint(1, 400)
            conn.compare(f"uid=user{n},ou=people,{BASE}", "mail", f"user{n}@lab.test")
        time.sleep(rnd.uniform(0.1, 3))
    conn.unbind()


def user(args, uid):
    rnd = random.Random(f"{args.seed}/{uid}")
    end = time.time() + args.duration
    time.sleep(rnd.uniform(0, 3))
    while time.time() < end:
        try:
            session(args, rnd)
        except (LDAPException, OSError):
            time.sleep(1)
        time.sleep(rnd.uniform(0.5, 6))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", required=True)
    ap.add_argument("--port", type=int, default=389)
    ap.add_argument("--tls-port", type=int, default=636)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--users", type=int, default=3)
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--tls")
    args = ap.parse_args()
    ts = [threading.Thread(target=user, args=(args, u)) for u in range(args.users)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


if __name__ == "__main__":
    main()

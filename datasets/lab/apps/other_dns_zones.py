#!/usr/bin/env python3
"""Zone files for the DNS scenarios: a lab root zone and the zones it delegates.

    other_dns_zones.py OUTDIR --root IP --lab IP --corp IP [--lab6 IP6] --net A.B.C --seed N

Writes OUTDIR/root.zone ("." delegating lab.test, example and C.B.A.in-addr.arpa), lab.test.zone
(hosts with A/AAAA, MX, TXT of several sizes, SRV, CNAME), corp.example.zone (under example., with
large TXT records that need TCP) and rev.zone (PTR records), plus OUTDIR/names.txt: the query
list the clients draw from ("NAME TYPE" lines, some of them for names that do not exist).
The resolvers start from root.hints (the root server only), so nothing leaves the lab.
"""
import argparse
import random
from pathlib import Path

SOA = "@ 300 IN SOA ns.{origin} hostmaster.{origin} 1 3600 600 86400 60\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--root", required=True)
    ap.add_argument("--lab", required=True)
    ap.add_argument("--corp", required=True)
    ap.add_argument("--lab6", default="")
    ap.add_argument("--net", required=True, help="first three octets of the lab network")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    rev = ".".join(reversed(a.net.split("."))) + ".in-addr.arpa"

    root = [SOA.format(origin="root.lab."), "@ 300 IN NS a.root.lab.\n", f"a.root.lab. 300 IN A {a.root}\n",
            "lab.test. 300 IN NS ns.lab.test.\n", f"ns.lab.test. 300 IN A {a.lab}\n",
            "example. 300 IN NS ns.example.\n", f"ns.example. 300 IN A {a.corp}\n",
            f"{rev}. 300 IN NS ns.lab.test.\n"]
    if a.lab6:
        root.append(f"ns.lab.test. 300 IN AAAA {a.lab6}\n")
    (out / "root.zone").write_text("$ORIGIN .\n" + "".join(root))
    (out / "root.hints").write_text(f". 3600000 NS a.root.lab.\na.root.lab. 3600000 A {a.root}\n")

    names = []
    lab = [SOA.format(origin="lab.test."), "@ 300 IN NS ns\n", f"ns 300 IN A {a.lab}\n",
           "@ 300 IN MX 10 mx1\n@ 300 IN MX 20 mx2\n", f"mx1 300 IN A {a.lab}\n", f"mx2 300 IN A {a.corp}\n",
           '@ 300 IN TXT "v=spf1 mx -all"\n']
    if a.lab6:
        lab.append(f"ns 300 IN AAAA {a.lab6}\n")
    for i in range(1, 161):
        host = f"host{i:03d}"
        ttl = rnd.choice([5, 30, 60, 300])
        lab.append(f"{host} {ttl} IN A 10.{rnd.randint(0, 255)}.{rnd.randint(0, 255)}.{rnd.randint(1, 254)}\n")
        if i % 3 == 0:
            lab.append(f"{host} {ttl} IN AAAA fd79:{rnd.randint(1, 0xffff):x}::{i:x}\n")
        if i % 7 == 0:
            lab.append(f"www{i} {ttl} IN CNAME {host}\n")
            names.append(f"www{i}.lab.test A")
        if i % 5 == 0:
            txt = "".join(rnd.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(rnd.randint(10, 200)))
            lab.append(f'{host} {ttl} IN TXT "{txt}"\n')
            names.append(f"{host}.lab.test TXT")
        names += [f"{host}.lab.test A", f"{host}.lab.test AAAA"]
    for svc in ("_sip._udp", "_ldap._tcp", "_xmpp-client._tcp", "_imaps._tcp"):
        lab.append(f"{svc} 300 IN SRV 10 5 {rnd.randint(1000, 9000)} host{rnd.randint(1, 160):03d}\n")
        names.append(f"{svc}.lab.test SRV")
    names += ["lab.test MX", "lab.test TXT", "lab.test NS", "lab.test SOA", "lab.test DNSKEY", "lab.test ANY"]
    (out / "lab.test.zone").write_text("$ORIGIN lab.test.\n" + "".join(lab))

    corp = [SOA.format(origin="example."), "@ 300 IN NS ns\n", f"ns 300 IN A {a.corp}\n"]
    for i in range(1, 41):
        corp.append(f"app{i}.corp 60 IN A 10.{rnd.randint(0, 255)}.{rnd.randint(0, 255)}.{i}\n")
        names.append(f"app{i}.corp.example A")
        if i % 4 == 0:  # large answers: several long TXT strings (truncated over UDP with small bufsize)
            strings = " ".join('"' + "".join(rnd.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(200)) + '"'
                             for _ in range(rnd.randint(2, 6)))
            corp.append(f"key{i}.corp 300 IN TXT {strings}\n")
            names.append(f"key{i}.corp.example TXT")
    (out / "corp.example.zone").write_text("$ORIGIN example.\n" + "".join(corp))

    revz = [SOA.format(origin="lab.test."), "@ 300 IN NS ns.lab.test.\n"]
    for i in range(1, 81):
        revz.append(f"{i} 300 IN PTR host{i:03d}.lab.test.\n")
        names.append(f"{a.net}.{i} PTR")
    (out / "rev.zone").write_text(f"$ORIGIN {rev}.\n" + "".join(revz))

    for i in range(60):  # names that do not exist (NXDOMAIN from the authority or the root)
        names.append(rnd.choice([f"nohost{i}.lab.test A", f"missing{i}.corp.example AAAA",
                                  f"www.unknown{i}.invalid A", f"x{i}.lab.test MX"]))
    (out / "names.txt").write_text("\n".join(names) + "\n")
    print(rev)


if __name__ == "__main__":
    main()

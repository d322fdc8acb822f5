#!/usr/bin/env python3
"""A DNS user: bursts of lookups through real DNS clients, for a bounded time.

    other_dns_client.py --names names.txt --resolver IP[,IP...] --tools dig,kdig,drill,dnspython
                        --duration S --seed N [--tcp-share P] [--dot-share P] [--dot-port 853]
                        [--port 53] [--pause-mean S]

Each burst (1-6 lookups, as a page load or a mail check makes) picks names from names.txt
("NAME TYPE" lines, PTR names given as addresses), a resolver and a tool: dig (bind9-dnsutils),
kdig (knot-dnsutils), drill (ldnsutils) as processes, or dnspython in this process.  Every lookup
is a new socket (a new UDP flow); a --tcp-share of them go over TCP (dig +tcp, kdig +tcp, drill -t,
dns.query.tcp), a --dot-share over TLS to --dot-port (kdig +tls, dns.query.tls).  Prints a count
line on stderr at the end.
"""
import argparse
import random
import subprocess
import sys
import time

import dns.message
import dns.query
import dns.rdatatype
import dns.reversename


def lookup(tool, res, port, name, qtype, transport, dot_port):
    if qtype == "PTR":
        name = dns.reversename.from_address(name).to_text()
    if tool == "dnspython":
        q = dns.message.make_query(name, qtype)
        if transport == "dot":
            dns.query.tls(q, res, port=dot_port, timeout=3, server_hostname=None,
                          ssl_context=_insecure_tls())
        elif transport == "tcp":
            dns.query.tcp(q, res, port=port, timeout=3)
        else:
            dns.query.udp(q, res, port=port, timeout=3)
        return
    if tool == "dig":
        cmd = ["dig", "+tries=1", "+time=3", "-p", str(port), f"@{res}", name, qtype]
        if transport == "tcp":
            cmd.append("+tcp")
    elif tool == "kdig":
        cmd = ["kdig", "+retry=0", "+time=3", f"@{res}", name, qtype]
        if transport == "dot":
            cmd += ["-p", str(dot_port), "+tls"]
        else:
            cmd += ["-p", str(port)] + (["+tcp"] if transport == "tcp" else [])
    elif tool == "drill":
        cmd = ["drill", "-p", str(port)] + (["-t"] if transport == "tcp" else []) + [name, qtype, f"@{res}"]
    else:
        raise SystemExit(f"unknown tool {tool}")
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=10)


_CTX = None


def _insecure_tls():
    """The lab's resolvers use throw-away certificates: no verification (as kdig +tls does)."""
    global _CTX
    if _CTX is None:
        import ssl
        _CTX = ssl.create_default_context()
        _CTX.check_hostname = False
        _CTX.verify_mode = ssl.CERT_NONE
    return _CTX


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--names", required=True)
    ap.add_argument("--resolver", required=True)
    ap.add_argument("--tools", default="dig,kdig,drill,dnspython")
    ap.add_argument("--duration", type=float, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--tcp-share", type=float, default=0.05)
    ap.add_argument("--dot-share", type=float, default=0.0)
    ap.add_argument("--dot-port", type=int, default=853)
    ap.add_argument("--port", type=int, default=53)
    ap.add_argument("--pause-mean", type=float, default=2.0)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    names = [ln.split() for ln in open(a.names) if ln.strip()]
    resolvers = a.resolver.split(",")
    tools = a.tools.split(",")
    dot_tools = [t for t in tools if t in ("kdig", "dnspython")]
    end = time.time() + a.duration
    n = fails = 0
    while time.time() < end:
        res = rnd.choice(resolvers)
        for _ in range(rnd.choice([1, 1, 2, 2, 3, 4, 6])):
            name, qtype = rnd.choice(names)
            r = rnd.random()
            transport = "dot" if dot_tools and r < a.dot_share else "tcp" if r < a.dot_share + a.tcp_share else "udp"
            tool = rnd.choice(dot_tools if transport == "dot" else tools)
            try:
                lookup(tool, res, a.port, name, qtype, transport, a.dot_port)
            except Exception:  # a timeout or refusal is traffic too; count it
                fails += 1
            n += 1
            time.sleep(rnd.uniform(0, 0.05))
        time.sleep(min(rnd.expovariate(1 / a.pause_mean), 4 * a.pause_mean))
    print(f"other_dns_client: {n} lookups ({fails} failed)", file=sys.stderr)


if __name__ == "__main__":
    main()

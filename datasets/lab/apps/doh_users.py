#!/usr/bin/python3
"""DNS-over-HTTPS users for the lab: kdig, curl and dnspython against one DoH endpoint.

  doh_users.py --doh https://IP[:PORT]/dns-query --cacert CA --names FILE --clients 4 --duration 60
               [--tools kdig,curl,dnspython] [--web https://lab.test:8443] [--seed 1]

Every user repeats: pick a tool, run one session, pause.
  kdig       knot-dnsutils' kdig +https: one process, 1..4 queries (A/AAAA/MX/TXT) of names from
             FILE (and now and then a name that does not exist)
  curl       curl --doh-url: resolves the web origin's name (--web) over DoH, then fetches 1..3
             pages from it (the page fetch is HTTPS to the web server, the lookup DoH)
  dnspython  dnspython's dns.query.https over one httpx HTTP/2 client: a stub resolver session
             sending queries at 0.2..4 s intervals for 5..30 s over one connection
Prints one summary line on stderr.
"""
import argparse
import random
import subprocess
import sys
import threading
import time
from urllib.parse import urlsplit

import dns.message
import dns.query
import httpx

TYPES = ("A", "A", "A", "AAAA", "AAAA", "MX", "TXT")


class User(threading.Thread):
    def __init__(self, a, n, until, names):
        super().__init__(daemon=True)
        self.a, self.n, self.until, self.names = a, n, until, names
        self.rng = random.Random(f"{a.seed}/doh/{n}")
        self.stats = {"sessions": 0, "queries": 0, "errors": 0}
        self.url = urlsplit(a.doh)

    def name(self):
        if self.rng.random() < 0.1:
            return "nx%d.lab.test" % self.rng.randint(1, 10**6)
        return self.rng.choice(self.names)

    def kdig(self):
        host = self.url.hostname
        cmd = ["kdig", "@" + host, "-p", str(self.url.port or 443), "+https=" + self.url.path,
               "+tls-ca=" + self.a.cacert, "+tls-hostname=lab.test", "+time=5", "+retry=0"]
        k = self.rng.randint(1, 4)
        for _ in range(k):
            cmd += [self.name(), self.rng.choice(TYPES)]
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60, check=True)
        self.stats["queries"] += k

    def curl(self):
        cmd = ["curl", "-s", "--doh-url", self.a.doh, "--cacert", self.a.cacert, "--max-time", "60"]
        for _ in range(self.rng.randint(1, 3)):
            cmd += ["-o", "/dev/null", f"{self.a.web}/p{self.rng.randint(1, self.a.pages - 1)}.html"]
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=90, check=True)
        self.stats["queries"] += 1

    def dnspython(self):
        end = min(self.until, time.monotonic() + self.rng.uniform(5, 30))
        with httpx.Client(http2=True, verify=self.a.cacert, timeout=20) as session:
            while time.monotonic() < end:
                q = dns.message.make_query(self.name(), self.rng.choice(TYPES))
                dns.query.https(q, self.a.doh, session=session, timeout=20)
                self.stats["queries"] += 1
                time.sleep(self.rng.uniform(0.2, 4))

    def run(self):
        time.sleep(self.rng.uniform(0, 3))
        while time.monotonic() < self.until - 1:
            tool = self.rng.choice(self.a.tools)
            try:
                getattr(self, tool)()
                self.stats["sessions"] += 1
            except Exception as e:  # a failed session is counted, the user goes on
                self.stats["errors"] += 1
                print(f"user {self.n} {tool}: {type(e).__name__}: {e}", file=sys.stderr)
            time.sleep(self.rng.uniform(self.a.gap_min, self.a.gap_max))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--doh", required=True)
    ap.add_argument("--cacert", required=True)
    ap.add_argument("--names", required=True, help="a file of host names, one a line")
    ap.add_argument("--web", default="https://lab.test:8443")
    ap.add_argument("--pages", type=int, default=6)
    ap.add_argument("--tools", default="kdig,curl,dnspython")
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--gap-min", type=float, default=0.5)
    ap.add_argument("--gap-max", type=float, default=8)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    a.tools = a.tools.split(",")
    with open(a.names) as fh:
        names = [line.strip() for line in fh if line.strip()]
    until = time.monotonic() + a.duration
    users = [User(a, n, until, names) for n in range(a.clients)]
    for u in users:
        u.start()
    for u in users:
        u.join(a.duration + 120)
    tot = {k: sum(u.stats[k] for u in users) for k in users[0].stats}
    print("doh_users: " + " ".join(f"{k}={v}" for k, v in tot.items()), file=sys.stderr)


if __name__ == "__main__":
    main()

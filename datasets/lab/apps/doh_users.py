#!/usr/bin/python3
"""DNS-over-HTTPS users for the lab: kdig, curl and dnspython against one DoH endpoint.

  doh_users.py --doh https://IP[:PORT]/dns-query --cacert CA --names FILE --clients 4 --duration 60
               [--tools kdig,curl,dnspython] [--web https://lab.test:8443] [--seed 1]
               [--types A,A,A,AAAA,AAAA,MX,TXT]

Every user repeats: pick a tool, run one session, pause.
  kdig       knot-dnsutils' kdig +https: one process, 1..4 queries (types drawn from --types) of names from
             FILE (and now and then a name that does not exist)
  curl       curl --doh-url: resolves the web origin's name (--web) over DoH, then fetches 1..3
             pages from it (the page fetch is HTTPS to the web server, the lookup DoH)
  dnspython  dnspython's dns.query.https over one httpx HTTP/2 client: a stub resolver session
             sending queries at 0.2..4 s intervals over one connection (--session-min..max s)
Prints one summary line on stderr.
"""
import argparse
import subprocess
import time
from urllib.parse import urlsplit

import dns.message
import dns.query
import httpx

from userlib import UserThread, add_user_args, run_threads

TYPES = ("A", "A", "A", "AAAA", "AAAA", "MX", "TXT")


class User(UserThread):
    def __init__(self, a, n, until):
        super().__init__(a, n, until, "doh", stats=("queries",))
        self.names = a.name_list
        self.url = urlsplit(a.doh)

    def session(self, mode, end):
        getattr(self, mode)(end)

    def name(self):
        if self.rng.random() < 0.1:
            return "nx%d.lab.test" % self.rng.randint(1, 10**6)
        return self.rng.choice(self.names)

    def kdig(self, _end):
        host = self.url.hostname
        cmd = ["kdig", "@" + host, "-p", str(self.url.port or 443), "+https=" + self.url.path,
               "+tls-ca=" + self.a.cacert, "+tls-hostname=lab.test", "+time=5", "+retry=0"]
        k = self.rng.randint(1, 4)
        for _ in range(k):
            cmd += [self.name(), self.rng.choice(self.a.types)]
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60, check=True)
        self.count("queries", k)

    def curl(self, _end):
        cmd = ["curl", "-s", "--doh-url", self.a.doh, "--cacert", self.a.cacert, "--max-time", "60"]
        for _ in range(self.rng.randint(1, 3)):
            cmd += ["-o", "/dev/null", f"{self.a.web}/p{self.rng.randint(1, self.a.pages - 1)}.html"]
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=90, check=True)
        self.count("queries")

    def dnspython(self, end):
        with httpx.Client(http2=True, verify=self.a.cacert, timeout=20) as session:
            while time.monotonic() < end:
                q = dns.message.make_query(self.name(), self.rng.choice(self.a.types))
                dns.query.https(q, self.a.doh, session=session, timeout=20)
                self.count("queries")
                time.sleep(self.rng.uniform(0.2, 4))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--doh", required=True)
    ap.add_argument("--cacert", required=True)
    ap.add_argument("--names", required=True, help="a file of host names, one a line")
    ap.add_argument("--web", default="https://lab.test:8443")
    ap.add_argument("--pages", type=int, default=6)
    ap.add_argument("--tools", dest="mode", default="kdig,curl,dnspython")
    ap.add_argument("--types", default=",".join(TYPES), help="query types to draw from (repeats weigh)")
    add_user_args(ap, clients=4, session=(5, 30), gap=(0.5, 8))
    a = ap.parse_args()
    a.mode = a.mode.split(",")
    a.types = a.types.split(",")
    with open(a.names) as fh:
        a.name_list = [line.strip() for line in fh if line.strip()]
    run_threads("doh_users", User, a)


if __name__ == "__main__":
    main()

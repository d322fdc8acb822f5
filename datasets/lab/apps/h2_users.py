#!/usr/bin/python3
"""HTTP/2 users for the lab: sessions of real HTTP/2 clients (curl, h2load, httpx) against one origin.

  h2_users.py --base https://IP:PORT|http://IP:PORT --tools curl,h2load,httpx --clients 4
              --duration 60 [--cacert CA] [--h2c prior|upgrade] [--pages 6] [--seed 1]

Every user repeats (apps/userlib.py): pick a tool, run one session (one TCP connection, HTTP/2
multiplexed), pause.
  curl    https: one curl process fetching a page and its assets over one connection (--http2,
          ALPN h2, -Z parallel); http: --http2-prior-knowledge fetching one page or API answer
          (--h2c prior), or --http2, an HTTP/1.1 request with Upgrade: h2c, then one API call
          (--h2c upgrade)
  h2load  nghttp2's load generator: -c 1, 3..40 requests over 1..10 concurrent streams of the
          site's pages/assets/API answers (https: ALPN h2; http: h2c prior knowledge)
  httpx   python3-httpx with http2=True (https: ALPN; http: prior knowledge): a browsing session
          (--session-min..max s) of page + assets, API GETs and POST uploads with think times
Prints one summary line on stderr.
"""
import argparse
import os
import re
import subprocess
import time

import httpx

from userlib import UserThread, add_user_args, run_threads

ASSET = re.compile(r"(?:href|src)='((?:assets|img)/[^']+)'")


class User(UserThread):
    def __init__(self, a, n, until):
        super().__init__(a, n, until, "h2")
        self.assets = a.assets
        self.tls = a.base.startswith("https:")

    def session(self, mode, end):
        getattr(self, mode)(end)

    def page_urls(self):
        page = "p%d.html" % self.rng.randint(1, self.a.pages - 1)
        return [f"{self.a.base}/{page}"] + [f"{self.a.base}/{p}" for p in self.assets.get(page, [])]

    def api_urls(self, k):
        return [f"{self.a.base}/api/items{self.rng.randint(1, 4)}.json" for _ in range(k)]

    def run_cmd(self, cmd):
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)
        if r.returncode != 0:
            raise RuntimeError(f"{cmd[0]} rc={r.returncode}: {r.stderr.decode(errors='replace')[-200:]}")

    def curl(self, _end):
        if self.tls:
            mode = ["--http2", "--cacert", self.a.cacert]
        else:
            mode = ["--http2-prior-knowledge"] if self.a.h2c == "prior" else ["--http2"]
        urls = self.page_urls() + self.api_urls(self.rng.randint(0, 3))
        cmd = ["curl", "-s"] + mode
        if self.tls:
            # parallel transfers multiplexed on one connection
            cmd += ["-Z", "--parallel-max", str(self.rng.randint(2, 8))]
        elif self.a.h2c == "upgrade":
            # the page switches the connection, one API call follows on it (curl 7.88 opens a new
            # connection for most further URLs after an upgrade)
            urls = urls[:1] + self.api_urls(1)
        else:
            # curl 7.88 fails every transfer after the first on a prior-knowledge connection
            # ("Error in the HTTP2 framing layer"): one URL per process
            urls = urls[:1] if self.rng.random() < 0.7 else self.api_urls(1)
        for u in urls:
            cmd += ["-o", "/dev/null", u]
        self.run_cmd(cmd)

    def h2load(self, _end):
        urls = self.page_urls()
        urls += self.api_urls(self.rng.randint(1, 4))
        n = self.rng.randint(3, 40)
        self.run_cmd(["h2load", "-c", "1", "-n", str(n), "-m", str(self.rng.randint(1, 10)),
                      "-T", "20", "-N", "20"] + urls)

    def httpx(self, end):
        kw = {"http2": True, "timeout": 60}
        if self.tls:
            kw["verify"] = self.a.cacert
        else:
            kw["http1"] = False   # h2c with prior knowledge
        with httpx.Client(**kw) as c:
            while time.monotonic() < end:
                r = self.rng.random()
                if r < 0.4:
                    urls = self.page_urls()
                    for u in urls:
                        c.get(u)
                elif r < 0.8:
                    for u in self.api_urls(self.rng.randint(1, 3)):
                        c.get(u)
                else:
                    c.post(f"{self.a.base}/api/upload", content=os.urandom(self.rng.randint(1000, self.a.up_max)))
                time.sleep(self.rng.uniform(self.a.think_min, self.a.think_max))


def site_assets(root):
    out = {}
    if root:
        for fn in os.listdir(root):
            if fn.endswith(".html"):
                with open(os.path.join(root, fn)) as fh:
                    out[fn] = list(dict.fromkeys(ASSET.findall(fh.read())))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", required=True)
    ap.add_argument("--tools", dest="mode", default="curl,h2load,httpx")
    ap.add_argument("--cacert")
    ap.add_argument("--h2c", choices=("prior", "upgrade"), default="prior")
    ap.add_argument("--site", help="the generated site's directory (to know each page's assets)")
    ap.add_argument("--pages", type=int, default=6)
    ap.add_argument("--up-max", type=int, default=150000)
    ap.add_argument("--think-min", type=float, default=0.3)
    ap.add_argument("--think-max", type=float, default=5)
    add_user_args(ap, clients=4, session=(5, 30), gap=(0.5, 8))
    a = ap.parse_args()
    a.mode = a.mode.split(",")
    a.assets = site_assets(a.site)
    run_threads("h2_users", User, a, grace=150)


if __name__ == "__main__":
    main()

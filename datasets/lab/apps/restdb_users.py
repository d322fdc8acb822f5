#!/usr/bin/python3
"""Users of a database's REST API for the lab: InfluxDB 1.x's HTTP API (/write, /query, /ping).

  restdb_users.py --base http://IP:8086 [--cacert CA] --clients 6 --duration 60
                  [--mode writer,dashboard,curl] [--seed 1]

Modes (each session one TCP connection, except curl: one process, one connection):
  writer     telemetry agent: keep-alive POST /write?db=lab of 5..200 line-protocol points every
             0.5..5 s (Python http.client)
  dashboard  keep-alive GET /query (SELECT mean/max/count ... GROUP BY time) every 1..10 s, now
             and then SHOW MEASUREMENTS / SHOW TAG VALUES
  curl       one-shot curl: /ping, a query, or a write of a small batch
Prints one summary line on stderr.
"""
import argparse
import http.client
import ssl
import subprocess
import time
from urllib.parse import urlencode, urlsplit

from userlib import UserThread, add_user_args, run_threads

MEASUREMENTS = ("cpu", "mem", "disk", "net", "temp", "http_req")
QUERIES = (
    "SELECT mean(v) FROM {m} WHERE time > now() - 5m GROUP BY time(10s), host",
    "SELECT max(v), min(v) FROM {m} WHERE time > now() - 15m GROUP BY time(1m)",
    "SELECT count(v) FROM {m} WHERE time > now() - 1h GROUP BY host",
    "SELECT last(v) FROM {m} GROUP BY *",
    "SHOW MEASUREMENTS",
    "SHOW TAG VALUES FROM {m} WITH KEY = host",
)


class User(UserThread):
    def __init__(self, a, n, until):
        super().__init__(a, n, until, "restdb", stats=("requests",))
        self.url = urlsplit(a.base)

    def session(self, mode, end):
        getattr(self, mode)(end)

    def conn(self):
        if self.url.scheme == "https":
            ctx = ssl.create_default_context(cafile=self.a.cacert)
            return http.client.HTTPSConnection(self.url.hostname, self.url.port, context=ctx, timeout=30)
        return http.client.HTTPConnection(self.url.hostname, self.url.port, timeout=30)

    def lines(self, k):
        now = int(time.time() * 1000)
        m = self.rng.choice(MEASUREMENTS)
        return "\n".join(f"{m},host=h{self.rng.randint(1, 30)},dc=d{self.rng.randint(1, 3)} "
                         f"v={self.rng.uniform(0, 100):.4f},n={self.rng.randint(0, 10**6)}i {now - i}"
                         for i in range(k)).encode()

    def query_path(self):
        q = self.rng.choice(QUERIES).format(m=self.rng.choice(MEASUREMENTS))
        return "/query?" + urlencode({"db": "lab", "q": q, "epoch": "ms"})

    def request(self, c, method, path, body=None):
        c.request(method, path, body=body, headers={"Content-Type": "text/plain"} if body else {})
        c.getresponse().read()
        self.count("requests")

    def writer(self, end):
        c = self.conn()
        every = self.rng.uniform(0.5, 5)
        while time.monotonic() < end:
            self.request(c, "POST", "/write?db=lab&precision=ms", self.lines(self.rng.randint(5, 200)))
            time.sleep(every * self.rng.uniform(0.7, 1.3))
        c.close()

    def dashboard(self, end):
        c = self.conn()
        while time.monotonic() < end:
            for _ in range(self.rng.randint(1, 4)):
                self.request(c, "GET", self.query_path())
            time.sleep(self.rng.uniform(1, 10))
        c.close()

    def curl(self, end):
        cmd = ["curl", "-s", "-o", "/dev/null", "--max-time", "30"]
        if self.a.cacert:
            cmd += ["--cacert", self.a.cacert]
        r = self.rng.random()
        if r < 0.3:
            cmd += [self.a.base + "/ping"]
        elif r < 0.7:
            cmd += ["-G", self.a.base + "/query", "--data-urlencode", "db=lab", "--data-urlencode",
                    "q=" + self.rng.choice(QUERIES).format(m=self.rng.choice(MEASUREMENTS))]
        else:
            cmd += ["-X", "POST", self.a.base + "/write?db=lab&precision=ms", "--data-binary",
                    self.lines(self.rng.randint(1, 30)).decode()]
        subprocess.run(cmd, check=True, timeout=60)
        self.count("requests")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", required=True)
    ap.add_argument("--cacert")
    ap.add_argument("--mode", default="writer,dashboard,curl")
    add_user_args(ap, clients=6, gap=(0.3, 5))
    a = ap.parse_args()
    a.mode = a.mode.split(",")
    run_threads("restdb_users", User, a, grace=90)


if __name__ == "__main__":
    main()

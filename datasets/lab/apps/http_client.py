#!/usr/bin/python3
"""flowclass lab HTTP clients: real curl processes plus Python's http.client.

  http_client.py --base http://10.78.1.1:8080 --mode MODE --clients 3 --duration 60 --seed 1
  MODE: pages | download | upload | pyupload | poll | longpoll | mix (comma lists allowed: "pages,download")

  pages     curl fetches a page, then its assets over up to 4 parallel keep-alive
            connections (curl --parallel), like a crude browser; several pages per visit
  download  curl GET of --dl-template with a size from --dl-sizes (bytes)
  upload    curl POST (raw body or multipart form) of a random file to --upload-path
  pyupload  Python http.client: one keep-alive connection, 1..4 uploads to --upload-path
            (PUT or POST, raw octet-stream or a multipart/form-data body built in Python,
            sizes --up-min..--up-max) 0.5..5 s apart, sometimes a GET of --api/status between
  poll      REST polling of --api/status: one keep-alive http.client connection polling
            every --poll-min..--poll-max s, or (--curl-frac, 30 %) a new curl process per poll;
            with --urllib-frac F, that share of the keep-alive sessions uses urllib.request
            instead (a new connection, and TLS handshake, per request)
  longpoll  --api/poll?since=N held by the server until an event: keep-alive http.client
            loop, or (--curl-frac) one curl process per request
  api       a session of small REST calls (GET status/items, POST small JSON to --upload-path)
            0.2..3 s apart, by one client per session: keep-alive http.client, urllib.request
            (new connection per call) or one curl process per call
  batch     one curl process fetching 2..6 URLs (downloads, API, pages) one after the other
            over its keep-alive connection
  wget      wget: a download from --dl-template, or (40 %) a page with -p requisites
  aria2     aria2c segmented download (-x/-s 2..4) from --dl-template

TLS: https:// bases use --cacert (the lab CA) for curl, wget and aria2c and an unverified
context for http.client/urllib (both OpenSSL via Python's ssl; curl is OpenSSL too, wget and
aria2c are GnuTLS builds on Debian).  --http2 makes curl ask for HTTP/2 (ALPN h2 over TLS).  Every user runs sessions back to back until --duration is over.
"""
import argparse
import http.client
import json
import math
import os
import random
import re
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from urllib.parse import urlsplit, urljoin


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, file=sys.stderr, flush=True)


def logu(rng, lo, hi):
    return math.exp(rng.uniform(math.log(lo), math.log(hi)))


class Ctx:
    def __init__(self, a):
        self.a = a
        self.deadline = time.monotonic() + a.duration
        self.lock = threading.Lock()
        self.stats = {}

    def left(self):
        return self.deadline - time.monotonic()

    def count(self, k):
        with self.lock:
            self.stats[k] = self.stats.get(k, 0) + 1


def curl_options(ctx):
    """The options every curl call of this client takes: connect timeout, lab CA, HTTP version."""
    opts = ["--connect-timeout", "10"]
    if ctx.a.cacert:
        opts += ["--cacert", ctx.a.cacert]
    if ctx.a.http1:
        opts += ["--http1.1"]
    if ctx.a.http2:
        opts += ["--http2"]
    return opts


def curl(ctx, args, timeout=None):
    return run_tool(ctx, ["curl", "-sS", "-o", "/dev/null"] + curl_options(ctx) + args, timeout)


def curl_text(ctx, url):
    r = subprocess.run(["curl", "-sS"] + curl_options(ctx) + [url], capture_output=True, timeout=60)
    return r.stdout.decode(errors="replace")


def conn(ctx, base):
    u = urlsplit(base)
    if u.scheme == "https":
        return http.client.HTTPSConnection(u.hostname, u.port or 443, timeout=120,
                                           context=ssl._create_unverified_context())
    return http.client.HTTPConnection(u.hostname, u.port or 80, timeout=120)


def urlopen(url, data=None, ctype=None):
    """One urllib.request call: a new connection (and TLS handshake) per request."""
    req = urllib.request.Request(url, data=data, headers={"Accept": "application/json"})
    if ctype:
        req.add_header("Content-Type", ctype)
    kw = {"context": ssl._create_unverified_context()} if url.startswith("https:") else {}
    with urllib.request.urlopen(req, timeout=120, **kw) as r:
        return r.read()


def run_tool(ctx, cmd, timeout=None):
    """Runs a client program (curl, wget, aria2c) until it ends or the run's time is up; logs a
    failure and says whether it succeeded."""
    try:
        r = subprocess.run(cmd, timeout=timeout or max(5, ctx.left() + 30), capture_output=True)
        if r.returncode != 0:
            log(cmd[0], "rc", r.returncode, r.stderr.decode(errors="replace").strip()[-200:])
        return r.returncode == 0
    except subprocess.TimeoutExpired:
        log(cmd[0], "timeout")
        return False


# ------------------------------------------------------------------ patterns
def do_pages(ctx, rng):
    a = ctx.a
    page = rng.choice(["index.html"] + ["p%d.html" % i for i in range(1, a.pages)])
    for _ in range(rng.randint(1, 4)):
        if ctx.left() < 2:
            return
        url = a.base.rstrip("/") + "/" + page
        html = curl_text(ctx, url)
        assets = re.findall(r"(?:src|href)='([^']+\.(?:css|js|jpg|png|webp|woff2))'", html)
        assets = [urljoin(url, x) for x in assets]
        if assets:
            # the leading "-o /dev/null" of curl() belongs to the first URL, every other URL gets its own
            curl(ctx, ["-Z", "--parallel-max", str(rng.choice([2, 4, 6])), assets[0]] +
                 sum((["-o", "/dev/null", x] for x in assets[1:]), []))
        ctx.count("pages")
        links = re.findall(r"class='nav' href='([^']+)'", html)
        if links:
            page = rng.choice(links)
        time.sleep(min(max(0, ctx.left()), logu(rng, 0.5, 8)))


def do_download(ctx, rng):
    a = ctx.a
    size = rng.choice(a.dl_sizes)
    url = a.base.rstrip("/") + a.dl_template.format(size=size)
    args = [url]
    if rng.random() < 0.2:
        args = ["--limit-rate", "%dk" % rng.choice([200, 500, 1000, 3000])] + args
    if rng.random() < 0.15 and size > 100000:
        args = ["-r", "%d-" % rng.randint(0, size // 2)] + args
    curl(ctx, args)
    ctx.count("download")


def do_upload(ctx, rng):
    a = ctx.a
    size = int(logu(rng, a.up_min, a.up_max))
    with tempfile.NamedTemporaryFile(prefix="labup", dir=a.tmp) as f:
        f.write(rng.getrandbits(8 * size).to_bytes(size, "little") if size < 4_000_000 else os.urandom(size))
        f.flush()
        url = a.base.rstrip("/") + a.upload_path
        if rng.random() < 0.5:
            curl(ctx, ["-X", "POST", "-H", "Content-Type: application/octet-stream", "--data-binary",
                       "@" + f.name, url])
        else:
            curl(ctx, ["-F", "file=@%s;filename=photo%d.jpg" % (f.name, rng.randint(1, 999)),
                       "-F", "caption=lab upload", url])
    ctx.count("upload")


def do_pyupload(ctx, rng):
    """Uploads by Python's http.client over one keep-alive connection (PUT or POST)."""
    a = ctx.a
    prefix = urlsplit(a.base).path.rstrip("/")
    c = conn(ctx, a.base)
    try:
        for k in range(rng.randint(1, 4)):
            if ctx.left() < 2:
                break
            if k:
                time.sleep(min(max(0, ctx.left() - 1), rng.uniform(0.5, 5)))
            size = int(logu(rng, a.up_min, a.up_max))
            data = rng.getrandbits(8 * size).to_bytes(size, "little")
            method = rng.choice(["PUT", "POST"])
            if rng.random() < 0.5:
                body, ctype = data, "application/octet-stream"
            else:
                b = "----labform%016x" % rng.getrandbits(64)
                body = (("--%s\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nlab upload %d\r\n"
                         "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan%d.pdf\"\r\n"
                         "Content-Type: application/pdf\r\n\r\n") % (b, k, b, rng.randint(1, 999))).encode() \
                    + data + ("\r\n--%s--\r\n" % b).encode()
                ctype = "multipart/form-data; boundary=" + b
            c.request(method, prefix + a.upload_path, body=body,
                      headers={"Content-Type": ctype, "Accept": "application/json"})
            c.getresponse().read()
            ctx.count("pyupload")
            if rng.random() < 0.3:
                c.request("GET", prefix + a.api + "/status")
                c.getresponse().read()
    finally:
        c.close()


def do_poll(ctx, rng, longpoll=False):
    a = ctx.a
    length = min(ctx.left() - 1, logu(rng, a.session_min, a.session_max))
    end = time.monotonic() + length
    every = rng.uniform(a.poll_min, a.poll_max)
    api = a.base.rstrip("/") + a.api
    since = 0
    if rng.random() < a.curl_frac:
        # one curl process (one TCP connection) per request
        while time.monotonic() < end:
            if longpoll:
                curl(ctx, ["--max-time", "60", "%s/poll?since=%d&timeout=%d" % (api, since, a.hold)])
                since = 0
            else:
                curl(ctx, ["%s/status" % api])
                time.sleep(max(0, min(every, end - time.monotonic())))
            ctx.count("longpoll-curl" if longpoll else "poll-curl")
        return
    if a.urllib_frac > 0 and rng.random() < a.urllib_frac:
        # urllib.request: a new connection per request
        while time.monotonic() < end:
            if longpoll:
                d = json.loads(urlopen("%s/poll?since=%d&timeout=%d" % (api, since, a.hold)))
                since = d.get("last", since)
            else:
                urlopen("%s/items?n=%d" % (api, rng.randint(1, 60)) if rng.random() < 0.15 else api + "/status")
                time.sleep(max(0, min(every * rng.uniform(0.8, 1.2), end - time.monotonic())))
            ctx.count("longpoll-urllib" if longpoll else "poll-urllib")
        return
    c = conn(ctx, a.base)
    path = urlsplit(api).path
    try:
        while time.monotonic() < end:
            if longpoll:
                c.request("GET", "%s/poll?since=%d&timeout=%d" % (path, since, a.hold),
                          headers={"Accept": "application/json"})
                d = json.loads(c.getresponse().read())
                since = d.get("last", since)
            else:
                p = "%s/items?n=%d" % (path, rng.randint(1, 60)) if rng.random() < 0.15 else path + "/status"
                c.request("GET", p, headers={"Accept": "application/json"})
                c.getresponse().read()
                time.sleep(max(0, min(every * rng.uniform(0.8, 1.2), end - time.monotonic())))
            ctx.count("longpoll-keepalive" if longpoll else "poll-keepalive")
    except (OSError, http.client.HTTPException, ValueError) as e:
        log("http.client error", repr(e))
        time.sleep(1)
    finally:
        c.close()


def api_call(rng, a):
    """(method, path, body) of one small REST call."""
    r = rng.random()
    if r < 0.5:
        return "GET", a.api + "/status", None
    if r < 0.75:
        return "GET", "%s/items?n=%d" % (a.api, int(logu(rng, 1, 200))), None
    body = json.dumps({"op": rng.choice(["create", "update", "tag", "comment"]), "id": rng.getrandbits(32),
                       "text": "x" * int(logu(rng, 50, 8000))}).encode()
    return "POST", a.upload_path, body


def do_api(ctx, rng):
    a = ctx.a
    length = min(ctx.left() - 1, logu(rng, a.session_min, a.session_max))
    end = time.monotonic() + length
    how = rng.choice(a.api_clients.split(","))
    base = a.base.rstrip("/")
    c = conn(ctx, a.base) if how == "keepalive" else None
    try:
        while time.monotonic() < end:
            for _ in range(rng.randint(1, 5)):      # a few calls of one user action
                m, path, body = api_call(rng, a)
                hdr = {"Accept": "application/json"}
                if body is not None:
                    hdr["Content-Type"] = "application/json"
                if how == "keepalive":
                    c.request(m, path, body=body, headers=hdr)
                    c.getresponse().read()
                elif how == "urllib":
                    urlopen(base + path, body, hdr.get("Content-Type"))
                else:
                    args = [base + path]
                    if body is not None:
                        args = ["-X", "POST", "-H", "Content-Type: application/json", "--data-binary", body.decode()] + args
                    curl(ctx, args)
                ctx.count("api-" + how)
                time.sleep(rng.uniform(0.02, 0.4))
            time.sleep(max(0, min(logu(rng, 0.2, 3.0 * a.api_gap), end - time.monotonic())))
    except (OSError, http.client.HTTPException, ValueError) as e:
        log("api error", how, repr(e))
        time.sleep(1)
    finally:
        if c:
            c.close()


def do_batch(ctx, rng):
    a = ctx.a
    base = a.base.rstrip("/")
    urls = []
    for _ in range(rng.randint(2, 6)):
        r = rng.random()
        if r < 0.4:
            urls.append(base + a.dl_template.format(size=rng.choice(a.dl_sizes)))
        elif r < 0.7:
            urls.append(base + a.api + rng.choice(["/status", "/items?n=%d" % rng.randint(1, 100)]))
        else:
            urls.append(base + "/" + rng.choice(["index.html"] + ["p%d.html" % i for i in range(1, a.pages)]))
    curl(ctx, [urls[0]] + sum((["-o", "/dev/null", u] for u in urls[1:]), []))
    ctx.count("batch")


def do_wget(ctx, rng):
    a = ctx.a
    cmd = ["wget", "-q", "--tries=1", "--timeout=30"]
    if a.cacert:
        cmd += ["--ca-certificate=" + a.cacert]
    with tempfile.TemporaryDirectory(prefix="labwget", dir=a.tmp) as d:
        if rng.random() < 0.4:
            page = rng.choice(["index.html"] + ["p%d.html" % i for i in range(1, a.pages)])
            run_tool(ctx, cmd + ["-p", "-nd", "-P", d, a.base.rstrip("/") + "/" + page])
            ctx.count("wget-page")
        else:
            size = rng.choice(a.dl_sizes)
            run_tool(ctx, cmd + ["-O", "/dev/null", a.base.rstrip("/") + a.dl_template.format(size=size)])
            ctx.count("wget-dl")


def do_aria2(ctx, rng):
    a = ctx.a
    size = rng.choice(a.dl_sizes)
    n = str(rng.choice([2, 3, 4]))
    cmd = ["aria2c", "--no-conf", "-q", "--allow-overwrite=true", "-x", n, "-s", n, "-k", "1M",
           "--file-allocation=none", "--enable-dht=false", "--summary-interval=0", "--max-tries=1"]
    if a.cacert:
        cmd += ["--ca-certificate=" + a.cacert]
    with tempfile.TemporaryDirectory(prefix="labaria", dir=a.tmp) as d:
        run_tool(ctx, cmd + ["-d", d, "-o", "f.bin", a.base.rstrip("/") + a.dl_template.format(size=size)])
    ctx.count("aria2")


PATTERNS = {"pages": do_pages, "download": do_download, "upload": do_upload, "pyupload": do_pyupload,
            "poll": lambda c, r: do_poll(c, r, False), "longpoll": lambda c, r: do_poll(c, r, True),
            "api": do_api, "batch": do_batch, "wget": do_wget, "aria2": do_aria2}


def user(ctx, uid):
    a = ctx.a
    rng = random.Random(a.seed * 1000 + uid)
    time.sleep(rng.uniform(0, a.stagger))
    modes = [m for m in PATTERNS if m != "pyupload"] if a.mode == "mix" else a.mode.split(",")  # mix: the patterns before pyupload existed
    while ctx.left() > 2:
        m = rng.choice(modes)
        try:
            PATTERNS[m](ctx, rng)
        except Exception as e:  # keep the user going; the scenario is bounded by --duration
            log("user", uid, m, "error", repr(e))
            time.sleep(1)
        time.sleep(max(0, min(ctx.left(), logu(rng, a.think_min, a.think_max))))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True, help="e.g. http://10.78.1.1:8080 or https://[fd78::1]:443")
    ap.add_argument("--mode", default="mix")
    ap.add_argument("--clients", type=int, default=3)
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cacert")
    ap.add_argument("--http1", action="store_true", help="force HTTP/1.1 in curl")
    ap.add_argument("--http2", action="store_true", help="curl --http2 (ALPN h2 over TLS)")
    ap.add_argument("--poll-min", type=float, default=1.0, help="poll interval range, seconds")
    ap.add_argument("--poll-max", type=float, default=10.0)
    ap.add_argument("--curl-frac", type=float, default=0.3, help="share of poll/longpoll sessions using one curl per request")
    ap.add_argument("--urllib-frac", type=float, default=0.0, help="share of the other poll sessions using urllib (new connection per request)")
    ap.add_argument("--api-clients", default="keepalive,urllib,curl", help="api mode: clients to pick from per session")
    ap.add_argument("--api-gap", type=float, default=1.0, help="api mode: scale of the pause between user actions")
    ap.add_argument("--pages", type=int, default=12)
    ap.add_argument("--api", default="/api")
    ap.add_argument("--hold", type=int, default=25, help="long-poll server hold time requested")
    ap.add_argument("--dl-template", default="/dl/{size}")
    ap.add_argument("--dl-sizes", default="50000,300000,1000000,4000000")
    ap.add_argument("--upload-path", default="/api/upload")
    ap.add_argument("--up-min", type=float, default=5e3)
    ap.add_argument("--up-max", type=float, default=3e6)
    ap.add_argument("--session-min", type=float, default=10)
    ap.add_argument("--session-max", type=float, default=90)
    ap.add_argument("--think-min", type=float, default=0.3)
    ap.add_argument("--think-max", type=float, default=6)
    ap.add_argument("--stagger", type=float, default=3)
    ap.add_argument("--tmp", default=None)
    a = ap.parse_args()
    a.dl_sizes = [int(float(x)) for x in a.dl_sizes.split(",")]
    ctx = Ctx(a)
    th = [threading.Thread(target=user, args=(ctx, i), daemon=True) for i in range(a.clients)]
    for t in th:
        t.start()
    for t in th:
        t.join(timeout=max(1, ctx.left() + 90))
    log("done", ctx.stats)


if __name__ == "__main__":
    main()

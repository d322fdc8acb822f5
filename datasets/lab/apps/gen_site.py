#!/usr/bin/python3
"""Generate the lab's static web site (deterministic from --seed).

  gen_site.py --out DIR [--pages 12] [--cdn http://10.78.1.1:8081] [--seed 1] [--scale 1.0]

Writes DIR/index.html and DIR/p<i>.html, each page referencing shared CSS/JS/font
assets and its own images (images from --cdn origin when given, so a browser opens
a second pool of connections), plus DIR/api/*.json (static API answers the pages
fetch after load) and DIR/ws.html (the WebSocket application page, copied from
pages/ws.html).  Pages carry a small "tour" script: with ?tour=K in the URL the
browser follows a random nav link after a think time (?think=MS, default 6000),
K times, the way a person reads a site.  Asset sizes follow typical page-weight
mixes; image bytes are random (incompressible like real JPEGs), CSS/JS are text.
"""
import argparse
import json
import os
import random
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))

TOUR_JS = r"""
(function(){
  var q=new URLSearchParams(location.search), left=+(q.get('tour')||0), think=+(q.get('think')||6000);
  function api(){var n=Math.floor(Math.random()*3);for(var i=0;i<n;i++){
    fetch('api/items'+(1+Math.floor(Math.random()*4))+'.json?r='+Math.random()).then(function(r){return r.text();}).catch(function(){});}}
  window.addEventListener('load',function(){
    api();
    if(left<=0){document.title='done';return;}
    setTimeout(function(){
      var l=document.querySelectorAll('a.nav'), a=l[Math.floor(Math.random()*l.length)];
      q.set('tour',left-1); location.href=a.getAttribute('href')+'?'+q.toString();
    }, 300+Math.random()*think);
  });
})();
"""


def words(rng, n):
    w = "the of and to in is for on that with as by this from at are be or it an was but not have which".split()
    return " ".join(rng.choice(w) for _ in range(n))


def css(rng, size):
    out = []
    i = 0
    while sum(map(len, out)) < size:
        i += 1
        out.append(".c%d-%x{margin:%dpx %dpx;padding:%dpx;color:#%06x;font-size:%.1frem;display:%s}\n" % (
            i, rng.getrandbits(16), rng.randint(0, 40), rng.randint(0, 40), rng.randint(0, 20),
            rng.getrandbits(24), rng.uniform(0.7, 2.5), rng.choice(["block", "flex", "grid", "inline"])))
    return "".join(out)


def js(rng, size):
    out = ["/* bundle */\n"]
    i = 0
    while sum(map(len, out)) < size:
        i += 1
        out.append("function f%d_%x(a,b){var r=a*%d+b;if(r>%d){return r-%d}for(var i=0;i<%d;i++){r^=i<<%d}"
                   "return '%s'+r}\n" % (i, rng.getrandbits(20), rng.randint(1, 999), rng.randint(1, 99999),
                                          rng.randint(1, 999), rng.randint(1, 64), rng.randint(1, 8),
                                          words(rng, rng.randint(1, 6))))
    return "".join(out)


def blob(rng, size):
    return rng.getrandbits(8 * size).to_bytes(size, "little")


def lsize(rng, lo, hi):
    import math
    return int(math.exp(rng.uniform(math.log(lo), math.log(hi))))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--pages", type=int, default=12)
    ap.add_argument("--cdn", default="", help="origin for images, e.g. http://10.78.1.1:8081 (default: same origin)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--scale", type=float, default=1.0, help="multiply asset sizes")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    d = a.out
    for sub in ("assets", "img", "api"):
        os.makedirs(os.path.join(d, sub), exist_ok=True)
    sc = a.scale
    shared = []
    for i in range(rng.randint(3, 6)):
        n = "assets/style%d.css" % i
        open(os.path.join(d, n), "w").write(css(rng, int(lsize(rng, 3000, 60000) * sc)))
        shared.append(("css", n))
    for i in range(rng.randint(4, 9)):
        n = "assets/app%d.js" % i
        open(os.path.join(d, n), "w").write(js(rng, int(lsize(rng, 5000, 250000) * sc)))
        shared.append(("js", n))
    for i in range(rng.randint(1, 3)):
        n = "assets/font%d.woff2" % i
        open(os.path.join(d, n), "wb").write(blob(rng, int(lsize(rng, 15000, 80000) * sc)))
        shared.append(("font", n))
    for i in range(1, 5):
        items = [{"id": rng.getrandbits(32), "title": words(rng, rng.randint(3, 10)), "price": rng.randint(1, 999),
                  "tags": words(rng, 3).split()} for _ in range(lsize(rng, 3, 200))]
        json.dump({"items": items}, open(os.path.join(d, "api/items%d.json" % i), "w"))
    names = ["index.html"] + ["p%d.html" % i for i in range(1, a.pages)]
    img_base = a.cdn.rstrip("/") + "/" if a.cdn else ""
    for pi, name in enumerate(names):
        parts = ["<!doctype html><html><head><meta charset='utf-8'><title>lab page %d</title>" % pi]
        for kind, n in shared:
            if kind == "css" and rng.random() < 0.85:
                parts.append("<link rel='stylesheet' href='%s'>" % n)
            elif kind == "font" and rng.random() < 0.7:
                parts.append("<link rel='preload' as='font' crossorigin href='%s'>" % n)
        parts.append("</head><body><nav>")
        for n in names:
            parts.append("<a class='nav' href='%s'>%s</a> " % (n, n))
        parts.append("</nav><main>")
        for k in range(lsize(rng, 4, 60)):
            sz = int(lsize(rng, 800, 400000) * sc)
            n = "img/p%d_%d.%s" % (pi, k, rng.choice(["jpg", "png", "webp"]))
            open(os.path.join(d, n), "wb").write(blob(rng, sz))
            parts.append("<p>%s</p><img src='%s%s' width=300 height=200 alt=''>" % (
                words(rng, rng.randint(10, 80)), img_base, n))
        parts.append("</main>")
        for kind, n in shared:
            if kind == "js" and rng.random() < 0.8:
                parts.append("<script src='%s'></script>" % n)
        parts.append("<script>%s</script></body></html>\n" % TOUR_JS)
        open(os.path.join(d, name), "w").write("".join(parts))
    shutil.copy(os.path.join(HERE, "pages", "ws.html"), os.path.join(d, "ws.html"))
    shutil.copy(os.path.join(HERE, "pages", "longpoll.html"), os.path.join(d, "longpoll.html"))


if __name__ == "__main__":
    main()

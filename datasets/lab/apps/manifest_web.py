#!/usr/bin/env python3
"""Print the MANIFEST.md section for the web lab's committed captures.

  python3 datasets/lab/apps/manifest_web.py datasets > /tmp/web_manifest.md
  python3 datasets/lab/apps/manifest_web.py datasets --only NAME,NAME...   # just those scenarios' table
  python3 datasets/lab/apps/manifest_web.py datasets --carriers > /tmp/carriers.md   # MANIFEST "carriers"

--carriers prints the "Carrier lab" section (between "<!-- carriers:begin -->" and
"<!-- carriers:end -->", put in place by apps/carriers_manifest.sh): the scenarios named
{h3,h2,grpc,doh,restdb,mqttws,socketio}_* and their wan<RTT>_ variants, except those of the HTTP/3
implementations section (scripts calling car_h3_server / car_h3_users: apps/h3_manifest.sh), with
flows per label/kind and the truth files' roles.

Truth files with "# implementation:" and "# roles:" lines (see LABDATA conventions) fill the
implementation column, and their roles (program and installed version per role) replace the
script's "# software:" line.

Reads datasets/labels.csv (written by label.py), the truth files beside the captures in
datasets/websocket, datasets/http and datasets/mixed, and the header comment of each
scenario script (link rate, capture format), and prints one table row per scenario.
"""
import argparse
import csv
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

_ap = argparse.ArgumentParser()
_ap.add_argument("datasets", nargs="?", default="datasets")
_ap.add_argument("--only", help="comma list of scenarios: print just their table")
_ap.add_argument("--carriers", action="store_true", help="the carrier scenarios' MANIFEST section instead")
_args = _ap.parse_args()
CARRIERS = re.compile(r"^(wan\d+_)?(h3|h2|grpc|doh|restdb|mqttws|socketio)_")
ROOT = Path(_args.datasets)
ONLY = set(_args.only.split(",")) if _args.only else None
LAB = Path(__file__).resolve().parent.parent
DIRS = ("websocket", "http", "mixed")

labels = defaultdict(Counter)
kinds = defaultdict(Counter)   # capture -> (label, kind) -> flows
with open(ROOT / "labels.csv") as f:
    for r in csv.DictReader(f):
        labels[Path(r["capture"]).name][r["label"]] += 1
        kinds[Path(r["capture"]).name][(r["label"], r.get("kind", ""))] += 1


def wan_link(w):
    """'WAN: RTT 80 ms, jitter +-5 ms, loss 1 %, 10 Mbit/s' from a truth file's WAN lines."""
    rate = w.get("rate_mbit", "?")
    if w.get("rate_up_mbit"):
        rate = "%s down / %s up" % (rate, w["rate_up_mbit"])
    return "WAN: RTT %s ms, jitter ±%s ms, loss %g %%, %s Mbit/s" % (
        w.get("rtt_ms", "?"), w.get("jitter_ms", "0"), 100 * float(w.get("loss", "0")), rate)


rows = []
for d in DIRS:
    for cap in sorted((ROOT / d).glob("*.pcap*")):
        stem = cap.name.split(".pcap")[0]
        truth = cap.with_name(stem + ".truth.csv")
        if not truth.exists():
            continue
        scen, enc, ports, wan, impl, roles = stem, "?", [], {}, "", ""
        for line in truth.read_text().splitlines():
            if line.startswith("# scenario:"):
                scen = line.split(":", 1)[1].strip()
            elif line.startswith("# encrypted:"):
                enc = line.split(":", 1)[1].strip()
            elif line.startswith("# implementation:"):
                impl = line.split(":", 1)[1].strip()
            elif line.startswith("# roles:"):
                roles = line.split(":", 1)[1].strip()
            elif re.match(r"# (rtt_ms|jitter_ms|loss|rate_mbit|rate_up_mbit|delay_line):", line):
                k, v = line[2:].split(":", 1)
                wan[k.strip()] = v.strip()
            elif line and not line.startswith("#") and not line.startswith("proto,"):
                p = line.split(",")
                if _args.carriers and p[3] in ("websocket", "http", "web"):
                    ports.append("%s %s/%s" % (p[3], p[0], p[2]))
                elif p[3] in ("websocket", "http"):
                    ports.append("%s %s" % (p[3], p[2]))
        if ONLY is not None and scen not in ONLY:
            continue
        if _args.carriers and not CARRIERS.match(scen):
            continue
        script = LAB / "scenarios" / (scen + ".sh")
        head = script.read_text() if script.exists() else ""
        m = re.search(r"^# base: (\S+)", head, re.M)   # WAN variant: the base script has the details
        if m and (LAB / "scenarios" / (m.group(1) + ".sh")).exists():
            head = (LAB / "scenarios" / (m.group(1) + ".sh")).read_text()
        if _args.carriers and re.search(r"car_h3_(server|users)", head):
            continue   # the HTTP/3 implementations' section (apps/h3_manifest.sh) lists these
        m = re.search(r"^# software: (.*)$", head, re.M)
        soft = roles or (m.group(1) if m else "?")
        m = re.search(r"Link (\d+) Mbit", head)
        rate = (m.group(1) + " Mbit/s") if m else "?"
        m = re.search(r"adding (\d+) ms each way", head)
        if "delay_line" in wan:   # recorded through the WAN link's constant-delay predecessor
            wan.setdefault("rate_mbit", rate.split()[0])
            rate = wan_link(wan) + " (constant delay line)"
        elif wan:
            rate = wan_link(wan)
        elif m:
            rate += ", +%s ms each way" % m.group(1)
        fmt = "pcapng" if ".pcapng" in cap.name else "pcap"
        if "--time-stamp-precision=nano" in head:
            fmt = "pcap (ns)"
        if "-i any" in head:
            fmt += ", -i any (SLL2)"
        if cap.name.endswith(".gz"):
            fmt += ", gzip"
        fl = labels.get(cap.name, Counter())
        flows = ", ".join("%s %d" % (k, fl[k]) for k in ("websocket", "http", "bittorrent", "ignore") if fl[k])
        size = cap.stat().st_size
        if _args.carriers:   # the kinds too, the programs with their versions, no implementation column
            flows = ", ".join("%s/%s %d" % (lab, k, n) if k else "%s %d" % (lab, n)
                              for (lab, k), n in sorted(kinds.get(cap.name, Counter()).items()))
            rows.append((scen, "%s/%s (%.2f MB)" % (d, cap.name, size / 1e6), flows,
                         "; ".join(sorted(set(ports))), rate, "TLS" if enc == "yes" else "plain", fmt, roles or soft))
            continue
        rows.append((scen, "%s/%s (%.2f MB)" % (d, cap.name, size / 1e6), flows,
                     "; ".join(sorted(set(ports))), rate, "TLS" if enc == "yes" else "plain", fmt, impl or "-", soft))


def table(rows):
    print("| scenario | file | flows per label | server ports | link | encryption | format | implementation | software |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print("| " + " | ".join(r) + " |")


if _args.carriers:
    print("## Carrier lab: HTTP in its other forms, protocols carried by WebSocket (carriers)\n")
    print("Recorded by `datasets/lab/scenarios/{h3,h2,grpc,doh,restdb,mqttws,socketio}_*.sh` and their `wan<RTT>_*`")
    print("variants (apps in `datasets/lab/apps/`, helpers in `apps/carrierlib.sh`), real programs in network")
    print("namespaces, snaplen 128, stored gzip-compressed.  http: HTTP/3 over QUIC (kind quic), HTTP/2 over TLS")
    print("and h2c, gRPC, DNS over HTTPS, InfluxDB's HTTP API, Engine.IO polling; websocket: MQTT over WebSocket,")
    print("Socket.IO's WebSocket transport.  Socket.IO shares one port between both transports: its truth rule is")
    print("`web`, a flow showing a WebSocket upgrade is websocket, the others http (label.py).")
    print("Software: see each row and its truth file's `# roles:` line.\n")
    print("| scenario | file | flows per label/kind | server rules | link | encryption | format | software (roles) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    print("\n%d captures of %d scenarios." % (len(rows), len({r[0] for r in rows})))
    sys.exit(0)

if ONLY is not None:
    table(rows)
    sys.exit(0)

vers = subprocess.run(["dpkg-query", "-W", "-f=${Package} ${Version}\\n", "nginx-light", "lighttpd", "chromium",
                       "curl", "wget", "aria2", "python3-websockets", "python3-aiohttp", "openssl", "tcpdump", "wireshark-common",
                       "transmission-daemon"],
                      capture_output=True, text=True).stdout.strip().splitlines()
try:  # the Node.js apps (apps/node/): node itself and the pinned ws package
    vers.append("node " + subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip().lstrip("v"))
    wsp = Path(__file__).resolve().parent / "node" / "package-lock.json"
    vers.append("ws (npm) " + json.loads(wsp.read_text())["packages"]["node_modules/ws"]["version"])
except (OSError, ValueError, KeyError):
    pass
print("## Web lab: WebSocket, HTTP and mixed captures (lab-web)\n")
print("Recorded by `datasets/lab/scenarios/{ws,wss,http,https,mixed}_*.sh` (apps in `datasets/lab/apps/`),")
print("real programs in network namespaces, captured on the client host's eth0 with snaplen 128.")
print("Captures are stored gzip-compressed (`.pcap.gz`, `.pcapng.gz`; the quick start's mixed capture stays plain).")
print("Link rates are tbf limits; \"(constant delay line)\" marks clients behind a constant user-space delay")
print("(`apps/delay_bridge.py`, since replaced by `apps/wan_link.py`); \"WAN: ...\" marks the `wan<RTT>_*`")
print("scenarios, whose client sits behind the lab's WAN link (`apps/wan_link.py` via `lib/netns.sh: lab_wan_host`:")
print("RTT, jitter each way without reordering, random loss each way, bottleneck rate with a 100 ms tail-drop")
print("queue); the others see veth round trips well under a millisecond.")
print("Software: " + ", ".join("`%s`" % v for v in vers) + ".\n")
table(rows)
tot = Counter()
for d in DIRS:
    for cap in (ROOT / d).glob("*.pcap*"):
        tot.update(labels.get(cap.name, Counter()))
size = sum(p.stat().st_size for d in DIRS for p in (ROOT / d).glob("*") if p.is_file())
print("\nTotal in websocket/, http/, mixed/: %s; %.1f MB." % (
    ", ".join("%s %d" % (k, v) for k, v in sorted(tot.items())), size / 1e6))

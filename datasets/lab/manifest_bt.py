#!/usr/bin/env python3
"""Write the BitTorrent section of datasets/MANIFEST.md (between the bt-lab markers).

    python3 datasets/lab/manifest_bt.py [DATASETS_DIR]

Reads DATASETS/labels.csv, the truth files in DATASETS/bittorrent/ (their "# ..." metadata
lines, written by scenarios/lib_bt.sh) and runs verify_labels.py --markdown over DATASETS.
"""
import csv
import json
import re
import struct
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import label as L  # noqa: E402  (truth files' metadata lines)
import payload as P  # noqa: E402  (capture names, gzip-aware reading)

LAB = Path(__file__).resolve().parent
BEGIN, END = "<!-- bt-lab:begin -->", "<!-- bt-lab:end -->"
NAMES = {"t": "transmission-daemon", "a": "aria2c", "q": "qbittorrent-nox", "l": "python3-libtorrent session",
         "r": "rtorrent", "c": "ctorrent", "f": "lftp", "w": "webtorrent", "b": "rqbit"}
# The BitTorrent implementations the lab runs: (implementation key as in the truth files'
# "# implementation:", how the version is read, language, library lineage).  Two entries share
# a lineage only when one wraps the other's library.
IMPLEMENTATIONS = [
    ("transmission", "deb:transmission-daemon", "C", "libtransmission (Transmission's own library)"),
    ("aria2", "deb:aria2", "C++", "aria2's own BitTorrent code (no external BitTorrent library)"),
    ("libtorrent-rasterbar", "deb:python3-libtorrent", "C++ (Python bindings)",
     "libtorrent-rasterbar 2.0 (Arvid Norberg); the lab's python3-libtorrent sessions"),
    ("qbittorrent", "deb:qbittorrent-nox", "C++ (Qt)",
     "a front end of libtorrent-rasterbar 2.0: same library as the python3-libtorrent sessions, not independent of them"),
    ("rtorrent", "deb:rtorrent", "C++",
     "libtorrent by rakshasa (Debian libtorrent21), an unrelated code base despite the name"),
    ("ctorrent", "deb:ctorrent", "C++",
     "Enhanced CTorrent (dnh), from CTorrent by YuHong: its own peer wire and HTTP tracker code, no library"),
    ("lftp", "deb:lftp", "C++",
     "lftp's own BitTorrent client and DHT (Torrent.cc, DHT.cc by Alexander Lukyanov), no BitTorrent library"),
    ("webtorrent", "npm:webtorrent", "JavaScript (Node.js)",
     "WebTorrent's modules: bittorrent-protocol, bittorrent-dht, bittorrent-tracker, utp-native (bindings of "
     "libutp, the uTP library transmission also uses; peer wire, MSE, DHT and tracker code are JavaScript)"),
    ("rqbit", "cargo:rqbit", "Rust", "librqbit (its own peer wire, DHT and tracker crates), no C library"),
]


def capture_format(p):
    with P.open_capture(p) as fh:
        head = fh.read(24)
    gz = ", gzip" if p.name.endswith(".gz") else ""
    if head[:4] == b"\x0a\x0d\x0d\x0a":
        return f"pcapng (dumpcap){gz}"
    magic = struct.unpack("<I", head[:4])[0]
    lt = struct.unpack("<I", head[20:24])[0]
    kind = "pcap ns" if magic == 0xA1B23C4D else "pcap"
    link = {1: "Ethernet", 113: "Linux SLL (-i any)", 276: "Linux SLL2 (-i any)"}.get(lt, f"linktype {lt}")
    return f"{kind}, {link}{gz}"


IMPL_KEYS = {"t": "transmission", "a": "aria2", "q": "qbittorrent", "l": "libtorrent-rasterbar", "r": "rtorrent",
             "c": "ctorrent", "f": "lftp", "w": "webtorrent", "b": "rqbit"}


def captured_impl(stem, meta):
    """The captured peer's implementation of a truth file without "# implementation:" (older
    scenarios): capture STEM-pN is peer N of the "# clients:" letters; "-" when unknown."""
    m = re.search(r"-p(\d+)$", stem)
    clients = meta.get("clients", "").split()
    if m and 0 < int(m.group(1)) <= len(clients):
        return IMPL_KEYS.get(clients[int(m.group(1)) - 1], "-")
    return "-"


def impl_version(how):
    """'deb:PKG' | 'npm:PKG' | 'cargo:BIN' -> the installed version, or 'not installed'."""
    kind, name = how.split(":", 1)
    if kind == "deb":
        r = subprocess.run(["dpkg-query", "-W", "-f=${Version}", name], capture_output=True, text=True)
        return r.stdout.strip() if r.returncode == 0 and r.stdout.strip() else "not installed"
    if kind == "npm":
        pj = LAB / "apps" / "bt_node" / "node_modules" / name / "package.json"
        return json.loads(pj.read_text())["version"] if pj.exists() else "not installed"
    try:
        r = subprocess.run([name, "--version"], capture_output=True, text=True)
    except OSError:
        return "not installed"
    return r.stdout.split()[-1] if r.returncode == 0 and r.stdout.split() else "not installed"


def main():
    ds = Path(sys.argv[1] if len(sys.argv) > 1 else LAB.parent).resolve()
    rows = list(csv.DictReader(open(ds / "labels.csv")))
    bt_dir = ds / "bittorrent"
    scen = defaultdict(lambda: {"files": [], "meta": None, "labels": Counter()})
    for t in sorted(bt_dir.glob("*.truth.csv")):
        stem = t.name[:-len(".truth.csv")]
        m = L.truth_meta(t)
        s = scen[m.get("scenario", stem)]
        s["meta"] = m
        s.setdefault("impl", {})[stem] = (m.get("implementation") or captured_impl(stem, m), m.get("roles", "-"))
        for ext in P.CAPTURE_EXTS:
            c = bt_dir / f"{stem}{ext}"
            if c.exists():
                s["files"].append(c)
    KINDS = ("peer-wire", "utp", "dht", "lsd", "tracker")
    bykind = defaultdict(Counter)   # every scenario with BitTorrent flows (incl. mixed captures)
    for r in rows:
        if r["scenario"] in scen:
            scen[r["scenario"]]["labels"][r["label"]] += 1
        if r["label"] == "bittorrent":
            bykind[r["scenario"]][r.get("kind") or "?"] += 1
    ver = subprocess.run([sys.executable, str(LAB / "verify_labels.py"), str(ds), "--markdown"],
                         capture_output=True, text=True)
    kinds = {}
    for line in ver.stdout.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 12 and cells[0] in scen:
            kinds[cells[0]] = cells[11]
    sw = subprocess.run("dpkg-query -W -f='${Package} ${Version}, ' transmission-daemon aria2 qbittorrent-nox "
                        "libtorrent-rasterbar2.0 python3-libtorrent rtorrent libtorrent21 ctorrent lftp opentracker "
                        "tcpdump wireshark-common",
                        shell=True, capture_output=True, text=True).stdout.strip().rstrip(",")
    for name, how, _, _ in IMPLEMENTATIONS:
        if not how.startswith("deb:"):
            v = impl_version(how)
            if v != "not installed":
                sw += f", {name} {v}"
    out = [BEGIN, "## BitTorrent lab (lab-bt)", "",
           "Recorded by `datasets/lab/scenarios/bt_*.sh` (swarm driver `scenarios/lib_bt.sh`): real BitTorrent "
           "clients in network namespaces on one bridge, each peer its own namespace with its own address, "
           "torrents of random data made with `transmission-create`, a local opentracker (HTTP and/or UDP, "
           "info-hash whitelist), DHT bootstrapped inside the lab. Captured with tcpdump/dumpcap on peers' "
           "eth0 (or `-i any`), snaplen 128, GRO/GSO/TSO off, tbf rate limit on both veth ends. The `wan<RTT>_bt_*` "
           "scenarios put the captured peer behind the lab's WAN link (`apps/wan_link.py` via `lib/netns.sh: "
           "lab_wan_host`: RTT, jitter each way without reordering, random loss each way, bottleneck rate with a "
           "100 ms tail-drop queue) and capture only that peer; the other peers stay on the LAN.",
           "Labels: every flow with a swarm host as endpoint is `bittorrent` (peer wire TCP incl. failed "
           "connects, uTP, DHT, UDP tracker, LSD multicast), except HTTP tracker announces: `ignore`.",
           "Ports column: each peer's listen port (TCP peer wire; transmission and qbittorrent also run uTP and "
           "DHT on it; aria2's DHT/UDP-tracker socket is its port + 1). Flows that reached no BitTorrent payload "
           "(refused connects, e.g. to ports learnt by PEX) are labelled `bittorrent` too: a BitTorrent client "
           "sent them.",
           f"Software: {', '.join('`' + x.strip() + '`' for x in sw.split(','))}.", "",
           "| scenario | files | flows per label | clients | ports | link | encryption | BT flows per kind (peer-wire TCP / uTP / DHT / LSD / UDP tracker) | payloads seen by verify_labels.py (plain hs / MSE / uTP / DHT / UDP-trk / LSD) | tracker | format |",
           "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    tot_size = 0
    tot = Counter()
    for name in sorted(scen):
        s = scen[name]
        m = s["meta"] or {}
        files = ", ".join(f"{f.name} ({f.stat().st_size / 1e6:.2f} MB)" for f in s["files"])
        tot_size += sum(f.stat().st_size for f in s["files"])
        tot.update(s["labels"])
        labels = ", ".join(f"{k} {v}" for k, v in sorted(s["labels"].items()))
        cl = Counter(m.get("clients", "").split())
        clients = ", ".join(f"{n}× {NAMES.get(k, k)}" for k, n in sorted(cl.items()))
        extras = [x for x, k in (("DHT", "dht"), ("LPD", "lpd"), ("uTP", "utp")) if m.get(k) == "yes"]
        clients += f"; {sum(cl.values())} peers"
        clients += f", {' + '.join(extras)}" if extras else ""
        if m.get("churn", "none") != "none":
            ch = m["churn"]
            clients += (f", churn (peers {ch} leave and rejoin)" if re.fullmatch(r"[0-9 ]+", ch)
                        else f", churn ({ch})")
        if m.get("ipv6") == "yes":
            clients += ", IPv6"
        ports = f"peers {m.get('peer ports', '?')}"
        trk = m.get("tracker", "?")
        if trk != "none":
            trk += f" (tcp {m.get('tracker tcp port', '-')}, udp {m.get('tracker udp port', '-')})"
        enc = {"yes": "MSE/PE required (RC4)", "no": "plain", "mixed": "not required; aria2 opens MSE anyway"}.get(
            m.get("encrypted", "?"), m.get("encrypted", "?"))
        if m.get("encrypted") == "mixed" and "l" in cl:
            enc = "not required (clients' defaults: MSE/PE allowed)"
        if m.get("encrypted") == "mixed" and "w" in cl:
            enc = "required by the others; webtorrent opens outgoing TCP with MSE/PE, its uTP and retries plain"
        if m.get("encrypted") in ("no", "mixed"):
            nomse = [NAMES[k] for k in "cfb" if k in cl]
            if nomse:
                enc += f" ({', '.join(nomse)}: no MSE/PE support)"
        fmt = "; ".join(sorted({capture_format(f) for f in s["files"]}))
        kk = " / ".join(str(bykind[name][k]) for k in KINDS)
        link = m.get("link", "?")
        if "rtt_ms" in m:
            wp = m.get("wan", "").split(" behind")[0].replace("peers ", "")
            rate = m.get("rate_mbit", "?")
            if m.get("rate_up_mbit"):
                rate = f"{rate} down / {m['rate_up_mbit']} up"
            link = (f"WAN for captured peer {wp}: RTT {m['rtt_ms']} ms, jitter ±{m.get('jitter_ms', '0')} ms, "
                    f"loss {100 * float(m.get('loss', '0')):g} %, {rate} Mbit/s; others LAN {link}")
        out.append(f"| {name} | {files} | {labels} | {clients} | {ports} | {link} | {enc} | "
                   f"{kk} | {kinds.get(name, '?')} | {trk} | {fmt} |")
    out += ["", f"Total in bittorrent/: {', '.join(f'{k} {v}' for k, v in sorted(tot.items()))}; "
                f"{len(scen)} scenarios; {tot_size / 1e6:.1f} MB.", "",
            "### BitTorrent implementations", "",
            "The client role is played by independent implementations (no two share a peer-wire code base, "
            "except qbittorrent, a front end of libtorrent-rasterbar). `implementation` is the key of the truth "
            "files' `# implementation:` line (the client on the captured host; for truth files older than that line, "
            "read from `# clients:` and the captured peer's number).", "",
            "| implementation | version | language | library lineage (why it is independent) | captured in |",
            "| --- | --- | --- | --- | --- |"]
    where = defaultdict(set)
    for name in scen:
        for impl, _ in scen[name].get("impl", {}).values():
            where[impl].add(name)
    for name, how, lang, lineage in IMPLEMENTATIONS:
        caps = ", ".join(sorted(where.get(name, ()))) or "(peer only / not captured)"
        out.append(f"| {name} | {impl_version(how)} (`{how}`) | {lang} | {lineage} | {caps} |")
    out += ["", "Captures with `# implementation:` / `# roles:` metadata (every program that speaks in the "
            "capture, by role, with the installed version):", "",
            "| capture | implementation | roles |", "| --- | --- | --- |"]
    for name in sorted(scen):
        for stem, (impl, roles) in sorted(scen[name].get("impl", {}).items()):
            if roles != "-":
                out.append(f"| {stem} | {impl} | {roles} |")
    out += ["",
            "### BitTorrent flows per kind (labels.csv `kind` column, all of datasets/)", "",
            "`kind` is read from each flow's payloads by `label.py` (signatures in `datasets/lab/payload.py`): "
            "peer-wire = any BitTorrent TCP flow (plain handshake, MSE/PE, failed connects); utp = a UDP flow "
            "with uTP packets (a libtorrent/transmission socket carries DHT too: a 5-tuple with both is utp); "
            "dht = KRPC datagrams only; lsd = BT-SEARCH multicasts; tracker = BEP 15 UDP tracker exchanges.", "",
            "| scenario | peer-wire TCP | uTP | DHT | LSD | UDP tracker | all | UDP kinds (uTP+DHT+LSD+tracker) |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    ktot = Counter()
    for name in sorted(bykind):
        c = bykind[name]
        ktot.update(c)
        out.append(f"| {name} | " + " | ".join(str(c[k]) for k in KINDS)
                   + f" | {sum(c.values())} | {sum(c[k] for k in KINDS[1:])} |")
    out.append("| **total** | " + " | ".join(f"**{ktot[k]}**" for k in KINDS)
               + f" | **{sum(ktot.values())}** | **{sum(ktot[k] for k in KINDS[1:])}** |")
    out += ["",
            "### verify_labels.py over datasets/ (all scenarios)", "",
            "`python3 datasets/lab/verify_labels.py datasets --markdown` (exit status "
            f"{ver.returncode}; {'all checks passed' if ver.returncode == 0 else 'FAILURES'}):", ""]
    out += ver.stdout.rstrip().splitlines()
    out += ["", "\"no payload\": flows without a payload byte (refused or unanswered connects, e.g. to ports "
            "learnt by PEX); they are labelled but cannot be checked. \"row mismatches\": flows where "
            "verify_labels.py's own pcap reader and label.py's tshark pass disagree (must be 0).", END]
    # Cross-check with the Rust extractor when a build is at hand: same flows, row for row.
    import os
    import tempfile
    fbin = os.environ.get("FLOWCLASS_BIN") or str(ds.parent / "target" / "release" / "flowclass")
    if Path(fbin).exists():
        with tempfile.TemporaryDirectory() as td:
            r = subprocess.run([fbin, "extract", "-q", "-j", "1", str(bt_dir), "-o", f"{td}/x.csv"],
                               capture_output=True, text=True)
            if r.returncode == 0:
                def key(r, cap):
                    return (cap, r["proto"], r["src_ip"], r["src_port"], r["dst_ip"], r["dst_port"], r["start"])
                ext = {key(r, r["capture"][r["capture"].find("bittorrent/"):]) for r in csv.DictReader(open(f"{td}/x.csv"))}
                lab = {key(r, r["capture"]) for r in rows if r["capture"].startswith("bittorrent/")}
                out.insert(len(out) - 1, "")
                out.insert(len(out) - 1,
                           f"Cross-check: `flowclass extract datasets/bittorrent` emits {len(ext)} flows, labels.csv "
                           f"has {len(lab)} rows for bittorrent/; {len(ext & lab)} identical (capture, proto, src, dst, "
                           f"start), {len(ext - lab)} only in the extractor, {len(lab - ext)} only in labels.csv.")
    mf = ds / "MANIFEST.md"
    text = mf.read_text() if mf.exists() else "# Datasets manifest\n"
    block = "\n".join(out) + "\n"
    if BEGIN in text and END in text:
        a = text.index(BEGIN)
        b = text.index(END) + len(END)
        text = text[:a] + block.rstrip("\n") + text[b:]
    else:
        text = text.rstrip("\n") + "\n\n" + block
    mf.write_text(text)
    print(f"manifest_bt.py: wrote {mf}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Writes a section of datasets/MANIFEST.md for the `other` scenarios of one lab round.

    python3 datasets/lab/manifest_other.py [DATASETS] [--round other-udp|udp-other|other-udp3|impl-udp|impl-udp2|p2p-other]

The section lists the round's scenarios recorded with scenarios/lib_other.sh (a script that sources
it, or a wrapper that execs such a script; a "# lab round: NAME" header line puts a script in round
NAME, no such line in other-udp): per protocol kind the scenarios and their flow counts, then per
scenario its file, flows per label/kind, server ports (the truth rules), link, encryption, capture
format and link type, and the software with versions (the truth file's "# roles:").  Flow counts
come from DATASETS/labels.csv; the section between <!-- ROUND:begin --> and <!-- ROUND:end --> is
replaced (appended when missing).
"""
import csv
import gzip
import re
import struct
import sys
from collections import Counter, defaultdict
from pathlib import Path

LAB = Path(__file__).resolve().parent
RE_ROUND = re.compile(r"^# lab round: (\S+)", re.M)
ROUNDS = {
    "other-udp": ("Other lab, UDP-heavy, voice and VPN protocols (other-udp)",
                  "(evidence checks in `datasets/lab/protocols.py`, UDP section); incidental HTTP is `http`, TURN "
                  "relay test payload `ignore`."),
    "udp-other": ("Other lab, more UDP protocols: DTLS, Kerberos, NetFlow/IPFIX, PTP, collectd, StatsD, n2n, SRT, "
                  "mosh (udp-other)",
                  "(evidence checks in `datasets/lab/protocols.py`, section udp-other); traffic of the probes and "
                  "tunnels themselves is not captured (underlay or collector side only)."),
    "other-udp3": ("Other lab, games and VPNs (other-udp3)",
                   "(evidence checks in `datasets/lab/protocols.py`, section other-udp3); game clients render in "
                   "Xvfb, VPN tunnels carry curl downloads (`other_tunnel_use`), only the underlay is captured."),
    "impl-udp": ("Other lab, second implementations of UDP protocols (impl-udp)",
                 "(evidence checks in `datasets/lab/protocols.py`, UDP section; the kinds are those of other-udp). "
                 "syslog, SNMP, RADIUS and DHCP were each recorded with one server implementation only (rsyslog, "
                 "Net-SNMP, FreeRADIUS, dnsmasq), so an implementation-grouped cross-validation that holds that "
                 "software out never saw the protocol; these scenarios record each protocol again with an "
                 "independent server (socklog, snmpsim, pyrad, Kea and busybox udhcpd) and, where there are any, "
                 "other clients and senders; the truth file's `# implementation:` is the server software."),
    "impl-udp2": ("Other lab, second implementations: STUN/TURN, RTP, Gearman (impl-udp2)",
                  "(evidence checks in `datasets/lab/protocols.py`); a second, independent server implementation of "
                  "protocols recorded with one only so far (STUN/TURN: node-turn besides coturn; RTP: GStreamer "
                  "rtpbin, with ffmpeg as a sender, besides baresip), so the implementation-grouped "
                  "cross-validation keeps each protocol in training when one implementation is held out; "
                  "TURN relay test payload `ignore`.  Gearman's second implementation (the Perl Gearman::Server, "
                  "`other_gearman_perl*`) is a TCP scenario and listed in the tcp-other2 section."),
    "p2p-other": ("Other lab, peer-to-peer protocols that are not BitTorrent: OpenDHT, Kademlia, HyperDHT, Nebula (p2p-other)",
                  "(evidence checks in `datasets/lab/protocols.py`, section p2p-other); swarms of real nodes in "
                  "namespaces, bootstrapped from each other only, with lookups spread over time and nodes "
                  "joining and leaving: the DHTs most like BitTorrent's (OpenDHT's dhtnode, PyPI `kademlia`), "
                  "a private HyperDHT network (its own bootstrap node, persistent DHT nodes, Hyperswarm users; "
                  "dht-rpc messages in the clear, peer data in Noise over UDX streams; every flow in the "
                  "scenario's subnet is `hyperdht`, rule by address) and the Nebula overlay (a lighthouse and "
                  "hosts that find each other through it, then direct tunnels with hole punching, carrying curl "
                  "downloads; only the underlay is captured), so that a model does not take every swarm for "
                  "BitTorrent.  The round's TCP protocols (libp2p, Yggdrasil) are listed in the p2p-other-tcp "
                  "section."),
}
LINKTYPES = {1: "Ethernet", 113: "Linux cooked v1", 276: "Linux cooked v2"}


def script_round(text):
    m = RE_ROUND.search(text)
    return m.group(1) if m else "other-udp"


def lab_scenarios(round_name):
    """Names of the round's scenarios built on lib_other.sh (directly or through an exec wrapper)."""
    texts = {p.stem: p.read_text() for p in (LAB / "scenarios").glob("*.sh")}
    bases = {n for n, t in texts.items()
             if "lib_other.sh" in t and not n.startswith("lib_") and script_round(t) == round_name}
    wrappers = {n for n, t in texts.items()
                if any(f'/{b}.sh"' in t for b in bases) and re.search(r"^exec bash ", t, re.M)}
    return bases | wrappers


def linktype(path):
    """The capture's link type: the pcap header's, or the first pcapng interface block's."""
    with gzip.open(path) as f:
        head = f.read(64)
    magic = head[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        return "pcap", struct.unpack("<I", head[20:24])[0]
    if magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        return "pcap", struct.unpack(">I", head[20:24])[0]
    if magic == b"\x0a\x0d\x0d\x0a":
        bo = "<" if head[8:12] == b"\x4d\x3c\x2b\x1a" else ">"
        shb_len = struct.unpack(bo + "I", head[4:8])[0]
        with gzip.open(path) as f:
            f.read(shb_len)
            idb = f.read(12)
        return "pcapng", struct.unpack(bo + "H", idb[8:10])[0]
    return "?", 0


def truth_meta(path):
    meta, rules = {}, []
    for line in path.read_text().splitlines():
        if line.startswith("#"):
            k, _, v = line[1:].partition(":")
            meta[k.strip()] = v.strip()
        elif line and not line.startswith("proto,"):
            rules.append(line.split(","))
    return meta, rules


def main():
    args = sys.argv[1:]
    round_name = "other-udp"
    if "--round" in args:
        i = args.index("--round")
        round_name = args[i + 1]
        del args[i:i + 2]
    title, blurb = ROUNDS[round_name]
    opt = "" if round_name == "other-udp" else f" --round {round_name}"
    BEGIN, END = f"<!-- {round_name}:begin -->", f"<!-- {round_name}:end -->"
    ds = Path(args[0]) if args else LAB.parent
    names = lab_scenarios(round_name)
    flows = defaultdict(Counter)
    with open(ds / "labels.csv", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["scenario"] in names:
                flows[r["scenario"]][(r["label"], r["kind"])] += 1
    rows, by_kind = [], defaultdict(list)
    for truth in sorted((ds / "other").glob("*.truth.csv")):
        meta, rules = truth_meta(truth)
        scen = meta.get("scenario", truth.name[:-len(".truth.csv")])
        if scen not in names:
            continue
        cap = next(p for p in (truth.with_name(truth.name.replace(".truth.csv", e)) for e in (".pcap.gz", ".pcapng.gz"))
                   if p.exists())
        fmt, lt = linktype(cap)
        c = flows[scen]
        per = ", ".join(f"{lab}{'/' + k if k else ''} {n}" for (lab, k), n in sorted(c.items()))
        for (lab, k), n in c.items():
            if lab == "other":
                by_kind[k].append((scen, n))
        ports = ", ".join(sorted({f"{r[3]}{'/' + r[4] if len(r) > 4 and r[4] else ''} {r[0]} {r[2]}"
                                  for r in rules if r[3] != "ignore" and r[2] != "*"})) or "(by address)"
        link = "LAN" if "rtt_ms" not in meta else (
            f"WAN: RTT {meta['rtt_ms']} ms, jitter ±{meta['jitter_ms']} ms, loss {float(meta['loss']) * 100:g} %, "
            f"{meta['rate_mbit']}" + (f"/{meta['rate_up_mbit']}" if "rate_up_mbit" in meta else "") + " Mbit/s")
        enc = {"yes": "encrypted", "no": "plain", "mixed": "mixed"}.get(meta.get("encrypted"), "?")
        rows.append(f"| {scen} | other/{cap.name} ({cap.stat().st_size / 1e6:.2f} MB) | {per} | {ports} | {link} | "
                    f"{enc} | {fmt}, {LINKTYPES.get(lt, lt)}, gzip | {meta.get('implementation', '')} | "
                    f"{meta.get('roles', '')} |")
    kinds = [f"| {k} | {sum(n for _s, n in v)} | " + ", ".join(f"{s} {n}" for s, n in sorted(v)) + " |"
             for k, v in sorted(by_kind.items())]
    total = sum(sum(c.values()) for c in flows.values())
    size = sum(p.stat().st_size for p in (ds / "other").glob("*.gz")
               if p.name.split(".")[0] in names)
    section = "\n".join([
        BEGIN, f"## {title}", "",
        "Recorded by the `datasets/lab/scenarios/*other_*.sh` scripts built on `scenarios/lib_other.sh`: real "
        "servers and clients (Debian packages) in network namespaces, snaplen 128, labelled `other` with the "
        f"protocol as kind {blurb}  Written by `datasets/lab/manifest_other.py{opt}`.  "
        f"{len(rows)} scenarios, {total} flows, {size / 1e6:.2f} MB of gzip'd captures.", "",
        "### Flows per protocol kind", "", "| kind | flows | scenarios |", "| --- | --- | --- |", *kinds, "",
        "### Scenarios", "",
        "| scenario | file | flows per label/kind | server ports | link | encryption | format | implementation | software |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |", *rows, END])
    man = ds / "MANIFEST.md"
    text = man.read_text()
    if BEGIN in text:
        text = text[:text.index(BEGIN)] + section + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    man.write_text(text)
    print(f"manifest_other.py: {round_name}: {len(rows)} scenarios, {total} flows", file=sys.stderr)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Write the other-tcp, tcp-other2, other-p2p and p2p-other-tcp sections of datasets/MANIFEST.md (each
between its markers): the TCP protocols labelled `other` (scenarios/other_*.sh and their wan<RTT>_
variants, lib_other_tcp.sh); a scenario belongs to tcp-other2 (other-p2p, p2p-other-tcp) when its
kinds are that round's (ROUND2_KINDS, P2P_KINDS, P2P2_KINDS).

    python3 datasets/lab/manifest_other_tcp.py [DATASETS_DIR]

Reads DATASETS/labels.csv and the truth files in DATASETS/other/ whose rules are TCP (their
"# ..." metadata: encrypted, implementation, roles, ip, format, WAN link).
"""
import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import label as L  # noqa: E402  (truth files and their metadata lines)
import payload as P  # noqa: E402  (capture names)
from manifest_bt import capture_format  # noqa: E402
from manifest_other import ROUNDS, lab_scenarios  # noqa: E402  (the lib_other.sh scenarios)

LAB = Path(__file__).resolve().parent
ROUND2_KINDS = {"rsync", "svn", "beanstalk", "gearman", "nats", "zeromq", "amqp", "stomp"}
P2P_KINDS = {"syncthing", "tor", "managesieve", "gemini"}
P2P2_KINDS = {"libp2p", "yggdrasil"}  # lab round p2p-other (its UDP scenarios: manifest_other.py --round p2p-other)
INTRO = ["Recorded by `datasets/lab/scenarios/other_*.sh` and their `wan<RTT>_other_*` variants (helpers in",
         "`scenarios/lib_other.sh`, client apps `apps/other_*.py`): real servers and clients of each protocol",
         "in network namespaces, captured on the server host (every client connection) with snaplen 128.",
         "Every flow to the protocol's server port is `other` with the protocol as its kind (FTP: the control",
         "port is `ftp`, every other connection with the server is one of its data connections, `ftp-data`);",
         "anything else would be `ignore` (none occurred).  `datasets/lab/protocols.py` holds each kind's"]
P2P_INTRO = ["Recorded by `datasets/lab/scenarios/other_{syncthing,tor,managesieve,gemini}*.sh` and their",
             "variants (`scenarios/lib_other_tcp.sh`): peer-to-peer sync and long-lived TLS-like protocols, the",
             "`other` traffic most easily taken for BitTorrent or HTTPS.  Syncthing: five devices sharing a folder,",
             "captured on one device (`implementation` = the program there); Tor: a private network (3 directory",
             "authorities, 3 relays, onion service or exit, client), captured on the switch, so every link",
             "between relays and client is a flow; its authorities' DirPort flows (HTTP votes and descriptor",
             "uploads, every 20 s in a test network) are `ignore`, the exit's flows to the web server `http`.",
             "ManageSieve and Gemini: a server and its clients, captured on the server.  `datasets/lab/protocols.py`",
             "holds each kind's"]
P2P2_INTRO = ["Recorded by `datasets/lab/scenarios/other_{libp2p,yggdrasil}*.sh` and their variants",
              "(`scenarios/lib_other_tcp.sh`, lab round p2p-other; its UDP protocols are in the p2p-other section).",
              "js-libp2p: nodes over TCP (multistream-select, Noise, Yamux) in a LAN Kademlia DHT, one bootstrap node",
              "(captured), four server nodes and three short-lived DHT clients that come and go: puts and gets,",
              "provide and findProviders, file fetches, chats, pings; every flow to the nodes' listening port is",
              "`libp2p`, and the bootstrap node's redials of a node that has left are the flows without payload.",
              "Yggdrasil 0.4.7: an overlay whose nodes peer over TCP or TLS and route each other's end-to-end",
              "encrypted IPv6 packets (HTTP downloads, SSH sessions, scp, iperf3 between overlay addresses); only",
              "the underlay's peering links are captured, every one `other`, and the peers' dials to a node that is",
              "down are the flows without payload.  `datasets/lab/protocols.py` holds each kind's"]


def link(meta):
    if "rtt_ms" not in meta:
        return "LAN (veth, tbf)"
    up = f" / {meta['rate_up_mbit']}" if "rate_up_mbit" in meta else ""
    return (f"WAN: RTT {meta['rtt_ms']} ms, jitter ±{meta['jitter_ms']} ms, loss {float(meta['loss']) * 100:g} %, "
            f"{meta['rate_mbit']}{up} Mbit/s")


def scenarios(ds):
    """{scenario: dict(meta, files, ports)} of the truth files in DS/other with TCP `other` rules,
    but for the scenarios of lib_other.sh (UDP protocols, some with a TCP form: manifest_other.py
    lists them)."""
    udp_rounds = set().union(*(lab_scenarios(r) for r in ROUNDS))
    scen = {}
    for t in sorted((ds / "other").glob("*.truth.csv")):
        _s, _enc, rules = L.load_truth(t)
        if not any(r[0] == "tcp" and r[3] == "other" for r in rules):
            continue
        stem = t.name[:-len(".truth.csv")]
        meta = L.truth_meta(t)
        if meta.get("scenario", stem) in udp_rounds:
            continue
        files = [ds / "other" / f"{stem}{ext}" for ext in P.CAPTURE_EXTS if (ds / "other" / f"{stem}{ext}").exists()]
        ports = sorted({(r[4], r[2]) for r in rules if r[3] == "other"})
        scen[meta.get("scenario", stem)] = dict(meta=meta, files=files, ports=ports)
    return scen


def section(name, title, scen, flows, intro=INTRO):
    """The MANIFEST section NAME (its markers included) listing SCEN with FLOWS per kind."""
    out = [f"<!-- {name}:begin -->", f"## {title} (lab round {name})", "", *intro,
           "payload evidence; verify_labels.py checks every flow.  Regenerate with",
           "`python3 datasets/lab/manifest_other_tcp.py`.", "",
           "| scenario | file | flows per kind | server ports | link | encryption | IP | format | implementation | software (roles) |",
           "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    total = Counter()
    for sname in sorted(scen):
        s = scen[sname]
        m = s["meta"]
        f = s["files"][0] if s["files"] else None
        size = f"{f.stat().st_size / 1e6:.2f} MB" if f else "-"
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(flows[sname].items()))
        total.update(flows[sname])
        ports = ", ".join(f"{k} {p}" for k, p in s["ports"])
        ip = m.get("ip", "v4")
        enc = {"yes": "TLS / own cipher", "no": "plain"}.get(m.get("encrypted", "no"), m.get("encrypted"))
        fmt = capture_format(f) if f else "-"
        out.append(f"| {sname} | other/{f.name if f else '-'} ({size}) | {kinds} | {ports} | {link(m)} | {enc} | "
                   f"{ip} | {fmt} | {m.get('implementation', '')} | {m.get('roles', '')} |")
    out += ["", "Flows per kind over these scenarios: " + ", ".join(f"{k} {n}" for k, n in sorted(total.items())) + ".",
            "", f"<!-- {name}:end -->"]
    return "\n".join(out)


def replace_section(text, name, body):
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    if begin in text:
        return text[:text.index(begin)] + body + text[text.index(end) + len(end):]
    return text.rstrip("\n") + "\n\n" + body + "\n"


def main():
    ds = Path(sys.argv[1] if len(sys.argv) > 1 else LAB.parent).resolve()
    scen = scenarios(ds)
    flows = defaultdict(Counter)
    for r in csv.DictReader(open(ds / "labels.csv")):
        if r["scenario"] in scen:
            flows[r["scenario"]][r["kind"] if r["label"] == "other" else r["label"]] += 1
    round2 = {n for n, s in scen.items() if {k for k, _p in s["ports"]} <= ROUND2_KINDS}
    p2p = {n for n, s in scen.items() if {k for k, _p in s["ports"]} & P2P_KINDS}
    p2p2 = {n for n, s in scen.items() if {k for k, _p in s["ports"]} & P2P2_KINDS}
    man = ds / "MANIFEST.md"
    text = man.read_text() if man.exists() else "# Datasets manifest\n"
    text = replace_section(text, "other-tcp", section("other-tcp", "Other TCP protocols",
                                                       {n: s for n, s in scen.items() if n not in round2 | p2p | p2p2}, flows))
    text = replace_section(text, "tcp-other2", section("tcp-other2", "More TCP protocols: queues, sync",
                                                        {n: s for n, s in scen.items() if n in round2}, flows))
    text = replace_section(text, "other-p2p", section("other-p2p", "P2P sync and TLS-like TCP protocols",
                                                       {n: s for n, s in scen.items() if n in p2p}, flows, P2P_INTRO))
    text = replace_section(text, "p2p-other-tcp", section("p2p-other-tcp", "Peer-to-peer DHTs and overlays over TCP: libp2p, Yggdrasil",
                                                           {n: s for n, s in scen.items() if n in p2p2}, flows, P2P2_INTRO))
    man.write_text(text)


if __name__ == "__main__":
    main()

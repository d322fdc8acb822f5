#!/usr/bin/env python3
"""The skeptic's check of the lab's labels.

    python3 datasets/lab/verify_labels.py OUT [--labels OUT/labels.csv] [--markdown]

Reads the captures itself (its own pcap/pcapng parser, no tshark), enumerates flows
per docs/FLOWS.md independently of label.py's tshark path, and checks:

1. every row of labels.csv names exactly one flow found here, and every flow found here
   has a row (a mismatch means label.py and this reader disagree about flows);
2. for every labelled flow, what the payload shows agrees with the label:
   * plain scenario (truth file "# encrypted: no" or missing):
       bittorrent/tcp  "\\x13BitTorrent protocol" at the start of a payload
       bittorrent/udp  a BitTorrent UDP protocol: DHT (bencoded KRPC "d1:"...),
                       uTP header (type 0-4, version 1), UDP tracker (connect magic
                       0x41727101980 / action+transaction reply), LSD "BT-SEARCH"
       http            an HTTP/1.x request line (GET /... HTTP/1.1 etc.; with snaplen 128
                       a long request line is cut, then "METHOD /" at payload start
                       suffices) or the HTTP/2 connection preface ("PRI * HTTP/2.0", h2c and
                       plain gRPC), and no "HTTP/1.1 101" WebSocket answer (a 101 to h2c is HTTP)
       websocket       "Upgrade: websocket" in a payload or an "HTTP/1.1 101" answer (one
                       that does not switch to h2c)
       other           its protocol's evidence (datasets/lab/protocols.py, by the row's kind),
                       and no BitTorrent handshake, WebSocket upgrade or (unless the protocol
                       writes them itself, as SSDP does) HTTP request line
   * encrypted scenario ("# encrypted: yes"): none of the handshake string, an HTTP
     request line, "Upgrade: websocket" may be visible in any captured payload (uTP
     headers, DHT, UDP-tracker and LSD packets are plaintext by design and allowed, but
     a BitTorrent UDP flow must still show one of them).
   * mixed ("# encrypted: mixed", a swarm where encryption is allowed but not forced and
     some client opens MSE/PE anyway, e.g. aria2): a BitTorrent TCP flow passes with the
     plain handshake at the start of a payload, or with none of the strings visible.
   Flows labelled ignore are not checked.  Flows without any payload byte (failed
   connects) are counted as "no payload" and neither pass nor fail.

Only the first MAX_PKTS payload packets of each flow are examined (captures use
snaplen 128, so only the first ~60 payload bytes of a packet are there).
Prints a table per scenario; exits 1 if anything failed.
"""
import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import label as L  # noqa: E402  (flow definition, truth-file parser)

from payload import (HS, MAX_PKTS, bt_udp_kind, http_visible, parse_packet,  # noqa: E402
                     read_capture, scan, utp_data, ws_answer, ws_upgrade)
from protocols import SIGNATURES, quic_long_header  # noqa: E402


def examine_other(pays, kind, mode):
    """An `other` flow: its protocol's own evidence (protocols.py), and nothing of the three
    classes visible (no BitTorrent handshake, no WebSocket upgrade, no HTTP request line unless
    the protocol writes such lines itself)."""
    sig = SIGNATURES.get(kind)
    if sig is None:
        return "fail", "", f"other: no signature in protocols.py for kind {kind!r}"
    seen = [n for n, v in (("BitTorrent handshake", any(HS in b for _s, b in pays)),
                           ("WebSocket upgrade", any(ws_upgrade(b) for _s, b in pays)),
                           ("HTTP request line", not sig.http_syntax and any(http_visible(b) for _s, b in pays)))
            if v]
    if seen:
        return "fail", "", f"other/{kind}: visible: " + ", ".join(seen)
    if not sig.check(pays, mode == "yes"):
        return "fail", "", f"other/{kind}: no {kind} payload" + (" (TLS or cipher records)" if mode == "yes" else "")
    return "pass", kind, ""


def examine(flow_pkts, label, mode, proto, kind=""):
    """flow_pkts: list of (from_src: bool, payload); mode: yes|no|mixed; kind: the labels row's
    kind (the protocol of an `other` flow).
    -> (result, kind, why): result pass|fail|nopayload; kind describes what was seen."""
    pays = [(s, b) for s, b in flow_pkts if b]
    if not pays:
        return "nopayload", "", "no payload captured"
    if label == "other":
        return examine_other(pays, kind, mode)
    udp_kinds = set()
    inner = []
    for _s, b in pays:
        if proto == "udp":
            k = bt_udp_kind(b)
            udp_kinds.add(k)
            inner.append(utp_data(b) if k == "utp" else b)
        else:
            inner.append(b)
    udp_kinds.discard(None)
    hs_start = any(b.startswith(HS) for b in inner)
    hs = any(HS in b for b in inner)
    req = any(http_visible(b) for b in inner) and "lsd" not in udp_kinds
    ws = any(ws_upgrade(b) for b in inner)
    visible = [n for n, v in (("BitTorrent handshake", hs), ("HTTP request line", req),
                              ("WebSocket upgrade", ws)) if v]
    if label == "bittorrent":
        if proto == "udp":
            kind = "+".join(sorted(udp_kinds))
            if not udp_kinds:
                return "fail", "", "no DHT/uTP/UDP-tracker/LSD payload"
            if mode == "yes" and hs:
                return "fail", kind, "plain handshake inside uTP of an encrypted swarm"
            return "pass", kind, ""
        if mode == "no":
            return ("pass", "plain", "") if hs_start else ("fail", "", "no BitTorrent handshake")
        if mode == "mixed" and hs_start:
            return "pass", "plain", ""
        if visible:
            return "fail", "", "visible in an encrypted flow: " + ", ".join(visible)
        return "pass", "mse", ""
    if proto == "udp":
        quic = any(quic_long_header(b) for b in inner)
        return ("pass", "quic", "") if quic and not visible else ("fail", "", "UDP http/websocket flow without QUIC")
    if mode == "yes":
        return ("fail", "", "visible in an encrypted flow: " + ", ".join(visible)) if visible else ("pass", "tls", "")
    if label == "http":
        if any(ws_answer(b) for b in inner):
            return "fail", "", "WebSocket upgrade answer in an http flow"
        return ("pass", "http", "") if req else ("fail", "", "no HTTP request line")
    if label == "websocket":
        return ("pass", "ws", "") if ws else ("fail", "", "no WebSocket upgrade")
    return "pass", "", ""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--labels")
    ap.add_argument("--markdown", action="store_true", help="print a markdown table")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every failing flow")
    args = ap.parse_args()
    out = Path(args.out).resolve()
    labels_path = Path(args.labels) if args.labels else out / "labels.csv"
    rows = defaultdict(dict)
    with open(labels_path, newline="") as fh:
        for r in csv.DictReader(fh):
            key = (r["proto"], r["src_ip"], int(r["src_port"]), r["dst_ip"], int(r["dst_port"]), r["start"])
            rows[r["capture"]][key] = r
    stats = defaultdict(lambda: defaultdict(int))
    failures = []
    for cap, truth in L.find_captures(out):
        rel = cap.relative_to(out).as_posix()
        scenario, enc, _rules = L.load_truth(truth)
        mode = (enc or "no").lower()
        mode = "yes" if mode.startswith("y") else "mixed" if mode.startswith("m") else "no"
        st = stats[(scenario, mode)]
        labelled = rows.get(rel, {})
        seen = set()
        for f in scan(cap):
            key = (f["proto"], f["src"][0], f["src"][1], f["dst"][0], f["dst"][1], L.ns_to_start(f["first"]))
            seen.add(key)
            r = labelled.get(key)
            if r is None:
                st["unlisted"] += 1
                failures.append((scenario, rel, key, "flow missing from labels.csv"))
                continue
            lab = r["label"]
            st[f"n_{lab}"] += 1
            if lab == "ignore":
                continue
            res, kind, why = examine(f["pk"], lab, mode, f["proto"], r.get("kind", ""))
            st[res] += 1
            st["checked"] += 1
            if res == "pass" and lab == "bittorrent":
                for k in kind.split("+"):
                    st["k_" + k] += 1
            if res == "fail":
                failures.append((scenario, rel, key, f"{lab}: {why}"))
        for key in labelled:
            if key not in seen:
                st["phantom"] += 1
                failures.append((scenario, rel, key, "labels.csv row names no flow in the capture"))
    hdr = ["scenario", "encrypted", "bittorrent", "websocket", "http", "other", "ignore", "checked", "pass", "fail",
           "no payload", "row mismatches", "BT seen: plain hs / MSE / uTP / DHT / UDP-trk / LSD"]
    lines = []
    tot = defaultdict(int)
    for (scen, enc), st in sorted(stats.items()):
        vals = [scen, enc, st["n_bittorrent"], st["n_websocket"], st["n_http"], st["n_other"], st["n_ignore"],
                st["checked"],
                st["pass"], st["fail"], st["nopayload"], st["unlisted"] + st["phantom"]]
        for i, v in enumerate(vals[2:], 2):
            tot[i] += v
        kinds = [st["k_" + k] for k in ("plain", "mse", "utp", "dht", "tracker", "lsd")]
        for i, v in enumerate(kinds):
            tot[100 + i] += v
        vals.append(" / ".join(map(str, kinds)) if sum(kinds) else "")
        lines.append(vals)
    lines.append(["TOTAL", ""] + [tot[i] for i in range(2, len(hdr) - 1)]
                 + [" / ".join(str(tot[100 + i]) for i in range(6))])
    if args.markdown:
        print("| " + " | ".join(hdr) + " |")
        print("|" + "---|" * len(hdr))
        for v in lines:
            print("| " + " | ".join(str(x) for x in v) + " |")
    else:
        w = [max(len(str(x)) for x in col) for col in zip(hdr, *lines)]
        for v in [hdr] + lines:
            print("  ".join(str(x).ljust(n) for x, n in zip(v, w)).rstrip())
    if failures:
        print(f"\nverify_labels.py: {len(failures)} problem(s)", file=sys.stderr)
        for f in failures[: (None if args.verbose else 20)]:
            print("  ", f, file=sys.stderr)
        return 1
    print("\nverify_labels.py: all checks passed", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

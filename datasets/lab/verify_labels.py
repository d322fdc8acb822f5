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
                       suffices) and no "HTTP/1.1 101" upgrade answer
       websocket       "Upgrade: websocket" in a payload or an "HTTP/1.1 101" answer
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
import re
import struct
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import label as L  # noqa: E402  (flow definition, truth-file parser)

MAX_PKTS = 8
HS = b"\x13BitTorrent protocol"
HTTP_METHODS = (b"GET", b"POST", b"HEAD", b"PUT", b"DELETE", b"OPTIONS", b"PATCH", b"CONNECT", b"TRACE")
RE_REQ_FULL = re.compile(rb"^(GET|POST|HEAD|PUT|DELETE|OPTIONS|PATCH|CONNECT|TRACE) \S+ HTTP/1\.[01]\r?\n")
RE_REQ_CUT = re.compile(rb"^(GET|POST|HEAD|PUT|DELETE|OPTIONS|PATCH|CONNECT|TRACE) /\S*$")
RE_REQ_ANY = re.compile(rb"(GET|POST|HEAD|PUT|DELETE|OPTIONS|PATCH) /\S* HTTP/1\.[01]")
RE_WS = re.compile(rb"upgrade:\s*websocket", re.I)
RE_101 = re.compile(rb"^HTTP/1\.[01] 101")


# ---------------------------------------------------------------- capture reader
def _pcap_records(fh, endian, nano, linktype):
    while True:
        hdr = fh.read(16)
        if len(hdr) < 16:
            return
        sec, frac, caplen, _orig = struct.unpack(endian + "IIII", hdr)
        data = fh.read(caplen)
        ns = sec * 10**9 + (frac if nano else frac * 1000)
        yield ns, linktype, data


def _pcapng_records(fh):
    endian = "<"
    ifaces = []  # (linktype, ts_units_per_sec)
    while True:
        head = fh.read(8)
        if len(head) < 8:
            return
        btype = struct.unpack(endian + "I", head[:4])[0]
        if btype == 0x0A0D0D0A:
            bom = fh.read(4)
            endian = "<" if bom == b"\x4d\x3c\x2b\x1a" else ">"
            blen = struct.unpack(endian + "I", head[4:])[0]
            fh.read(blen - 12)
            ifaces = []
            continue
        blen = struct.unpack(endian + "I", head[4:])[0]
        body = fh.read(blen - 8)
        body = body[:-4]
        if btype == 1:  # IDB
            lt = struct.unpack(endian + "H", body[:2])[0]
            res = 10**6
            opts = body[8:]
            i = 0
            while i + 4 <= len(opts):
                code, olen = struct.unpack(endian + "HH", opts[i:i + 4])
                if code == 0:
                    break
                if code == 9 and olen >= 1:
                    v = opts[i + 4]
                    res = 2 ** (v & 0x7F) if v & 0x80 else 10 ** v
                i += 4 + ((olen + 3) & ~3)
            ifaces.append((lt, res))
        elif btype == 6:  # EPB
            iid, th, tl, caplen, _orig = struct.unpack(endian + "IIIII", body[:20])
            lt, res = ifaces[iid]
            ts = (th << 32) | tl
            ns = ts * 10**9 // res
            yield ns, lt, body[20:20 + caplen]
        elif btype == 3:  # SPB: no timestamp; never written by tcpdump/dumpcap
            raise ValueError("simple packet blocks are not supported")


def read_capture(path):
    with open(path, "rb") as fh:
        magic = fh.read(4)
        if magic == b"\x0a\x0d\x0d\x0a":
            fh.seek(0)
            yield from _pcapng_records(fh)
            return
        m = struct.unpack("<I", magic)[0]
        table = {0xA1B2C3D4: ("<", False), 0xA1B23C4D: ("<", True)}
        mb = struct.unpack(">I", magic)[0]
        if m in table:
            endian, nano = table[m]
        elif mb in table:
            endian, nano = ">", table[mb][1]
        else:
            raise ValueError(f"{path}: not a pcap/pcapng file")
        rest = fh.read(20)
        linktype = struct.unpack(endian + "I", rest[16:20])[0] & 0x0FFFFFFF
        yield from _pcap_records(fh, endian, nano, linktype)


def l3(linktype, d):
    """-> (ethertype, bytes after link header) or None."""
    if linktype == 1:  # Ethernet
        if len(d) < 14:
            return None
        et = struct.unpack(">H", d[12:14])[0]
        off = 14
        while et in (0x8100, 0x88A8) and len(d) >= off + 4:
            et = struct.unpack(">H", d[off + 2:off + 4])[0]
            off += 4
        return et, d[off:]
    if linktype == 113:  # Linux SLL
        return struct.unpack(">H", d[14:16])[0], d[16:]
    if linktype == 276:  # Linux SLL2
        return struct.unpack(">H", d[0:2])[0], d[20:]
    if linktype in (12, 101):  # raw IP
        v = d[0] >> 4 if d else 0
        return (0x0800 if v == 4 else 0x86DD), d
    if linktype == 0:  # BSD loopback
        fam = struct.unpack("<I", d[:4])[0]
        return (0x0800 if fam == 2 else 0x86DD), d[4:]
    return None


def parse_packet(linktype, d):
    """-> (proto, src_ip, sport, dst_ip, dport, flags, payload) or None."""
    import ipaddress
    r = l3(linktype, d)
    if r is None:
        return None
    et, p = r
    if et == 0x0800 and len(p) >= 20 and p[0] >> 4 == 4:
        ihl = (p[0] & 0x0F) * 4
        frag = struct.unpack(">H", p[6:8])[0] & 0x1FFF
        if frag != 0:
            return None
        nh = p[9]
        src, dst = str(ipaddress.IPv4Address(p[12:16])), str(ipaddress.IPv4Address(p[16:20]))
        tp = p[ihl:]
    elif et == 0x86DD and len(p) >= 40 and p[0] >> 4 == 6:
        nh = p[6]
        src, dst = str(ipaddress.IPv6Address(p[8:24])), str(ipaddress.IPv6Address(p[24:40]))
        off = 40
        while nh in (0, 43, 44, 60) and len(p) >= off + 8:
            if nh == 44:
                fo = struct.unpack(">H", p[off + 2:off + 4])[0] >> 3
                if fo != 0:
                    return None
                nh, off = p[off], off + 8
            else:
                nh, off = p[off], off + (p[off + 1] + 1) * 8
        tp = p[off:]
    else:
        return None
    if nh == 6 and len(tp) >= 20:
        sp, dp = struct.unpack(">HH", tp[:4])
        doff = (tp[12] >> 4) * 4
        return "tcp", src, sp, dst, dp, tp[13], tp[doff:]
    if nh == 17 and len(tp) >= 8:
        sp, dp = struct.unpack(">HH", tp[:4])
        return "udp", src, sp, dst, dp, 0, tp[8:]
    return None


# ---------------------------------------------------------------- signatures
def utp_header(b):
    return len(b) >= 20 and (b[0] & 0x0F) == 1 and (b[0] >> 4) <= 4 and b[1] in (0, 1, 2, 3)


def utp_data(b):
    """payload after the uTP header and its extensions."""
    ext, off = b[1], 20
    while ext and len(b) >= off + 2:
        ext, ln = b[off], b[off + 1]
        off += 2 + ln
    return b[off:]


def bt_udp_kind(b):
    if b.startswith(b"BT-SEARCH"):
        return "lsd"
    if b.startswith(b"d1:") or b.startswith(b"d2:ip") or b.startswith(b"d1:e"):
        return "dht"
    if len(b) >= 16 and b[:8] == b"\x00\x00\x04\x17\x27\x10\x19\x80":
        return "tracker"
    if len(b) >= 8 and struct.unpack(">I", b[:4])[0] in (0, 1, 2, 3) and len(b) in (16, 8) or \
            (len(b) >= 20 and struct.unpack(">I", b[:4])[0] == 1 and len(b) % 6 == 2):
        return "tracker"
    if utp_header(b):
        return "utp"
    return None


def http_visible(b):
    return bool(RE_REQ_FULL.match(b) or RE_REQ_CUT.match(b) or RE_REQ_ANY.search(b))


def examine(flow_pkts, label, mode, proto):
    """flow_pkts: list of (from_src: bool, payload); mode: yes|no|mixed.
    -> (result, kind, why): result pass|fail|nopayload; kind describes what was seen."""
    pays = [(s, b) for s, b in flow_pkts if b]
    if not pays:
        return "nopayload", "", "no payload captured"
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
    ws = any(RE_WS.search(b) for b in inner) or any(RE_101.match(b) for b in inner)
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
    if mode == "yes":
        return ("fail", "", "visible in an encrypted flow: " + ", ".join(visible)) if visible else ("pass", "tls", "")
    if label == "http":
        if any(RE_101.match(b) for b in inner):
            return "fail", "", "WebSocket upgrade answer in an http flow"
        return ("pass", "http", "") if req else ("fail", "", "no HTTP request line")
    if label == "websocket":
        return ("pass", "ws", "") if ws else ("fail", "", "no WebSocket upgrade")
    return "pass", "", ""


def scan(path):
    """Our own flow enumeration (docs/FLOWS.md), independent of label.py's code.
    -> list of (proto, src, dst, first_ns, packets[(from_src, payload)])"""
    active = {}
    flows = []
    for ts, lt, d in read_capture(path):
        r = parse_packet(lt, d)
        if r is None:
            continue
        proto, sip, sp, dip, dp, flg, pay = r
        a, b = (sip, sp), (dip, dp)
        key = (proto, frozenset((a, b)))
        f = active.get(key)
        if f is not None:
            gap = max(0, ts - f["last"])
            new = gap > 120 * 10**9 or ts - f["first"] > 1800 * 10**9
            if not new and (f["rst"] or len(f["fin"]) == 2):
                new = (proto == "tcp" and bool(flg & 0x02) and not flg & 0x10) or gap > 10 * 10**9
            if new:
                f = None
        if f is None:
            synack = proto == "tcp" and flg & 0x12 == 0x12
            src, dst = (b, a) if synack else (a, b)
            f = {"proto": proto, "src": src, "dst": dst, "first": ts, "last": ts, "rst": False,
                 "fin": set(), "pk": [], "npay": 0}
            active[key] = f
            flows.append(f)
        f["last"] = max(f["last"], ts)
        if proto == "tcp":
            if flg & 0x04:
                f["rst"] = True
            if flg & 0x01:
                f["fin"].add(a)
        if pay and f["npay"] < MAX_PKTS:
            f["npay"] += 1
            f["pk"].append((a == f["src"], pay))
    return flows


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
            res, kind, why = examine(f["pk"], lab, mode, f["proto"])
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
    hdr = ["scenario", "encrypted", "bittorrent", "websocket", "http", "ignore", "checked", "pass", "fail",
           "no payload", "row mismatches", "BT seen: plain hs / MSE / uTP / DHT / UDP-trk / LSD"]
    lines = []
    tot = defaultdict(int)
    for (scen, enc), st in sorted(stats.items()):
        vals = [scen, enc, st["n_bittorrent"], st["n_websocket"], st["n_http"], st["n_ignore"], st["checked"],
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

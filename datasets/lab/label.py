#!/usr/bin/env python3
"""Ground-truth labeller for the traffic lab.

    python3 datasets/lab/label.py OUT [--output FILE] [--check]

For every capture OUT/<dir>/<name>.pcap|.pcapng[.gz] that has a sidecar rules file
OUT/<dir>/<name>.truth.csv, enumerate the capture's flows exactly as docs/FLOWS.md
defines them (the Rust extractor implements the same definition) and label each
flow with the first matching rule.  Writes OUT/labels.csv:

    capture,proto,src_ip,src_port,dst_ip,dst_port,start,label,scenario,kind,implementation

implementation: the truth file's "# implementation: NAME" (the software family the
implementation-grouped cross-validation keeps on one side of a split; see datasets/lab/README.md),
empty when the file has none.

kind (read from the flow's payloads by payload.py, the signatures verify_labels.py checks):
  bittorrent  peer-wire  any TCP flow (plain handshake, MSE/PE, failed connects)
              utp        a UDP flow with a uTP packet (a libtorrent/transmission socket also
                         carries DHT: a 5-tuple holding both is a uTP flow)
              dht        bencoded KRPC datagrams
              lsd        BT-SEARCH multicasts (LSD / LPD)
              tracker    BEP 15 UDP tracker exchange (HTTP tracker announces are label ignore)
              precedence when several show up: lsd, tracker, utp, dht.  A UDP flow with no
              known signature gets a fallback: lsd for the LSD multicast groups, tracker
              when an endpoint port is the truth file's "tracker udp port", else dht;
              the count of such flows is printed on stderr.
  http, websocket  tls when the first payload of the flow starts with a TLS record header,
              else plain (no payload: the truth file's "# encrypted: yes" -> tls); quic for
              a UDP flow (HTTP/3)
  other       the protocol the truth rule names in its kind column (dns, ssh, ...)
  ignore      empty

Truth file format (CSV, '#' lines are comments):

    # scenario: bt_tr_enc_443           (optional, first line; default: file stem)
    # encrypted: yes                    (read by verify_labels.py)
    proto,ip,port,label[,kind]
    tcp,10.77.0.2,6969,ignore           <- rows matched in order, first match wins
    udp,*,53,other,dns                  <- kind: required for other, empty for the rest
    tcp,10.78.90.1,5000,web             <- websocket if the flow shows a WebSocket upgrade, else http
    udp,*,*,bittorrent

A flow matches a row when proto matches (tcp|udp|*) and one of the flow's two
endpoints equals (ip, port).  ip may be '*', an address or a CIDR prefix
(e.g. 10.77.0.0/16); port may be '*' or a number.  label is one of
bittorrent|websocket|http|other|ignore, or web (the payload decides between websocket
and http, see WEB_BY_PAYLOAD); an `other` rule names the protocol in its kind
column (a lower-case name that datasets/lab/protocols.py has a signature for).  Unmatched flows are labelled 'ignore' with a
warning on stderr.

Packets come from tshark (fields per frame, file order).  Protocols above
TCP/UDP are disabled so no heuristic dissector (Teredo, VXLAN, ...) can turn a
UDP payload into something that hides or duplicates the transport header; ICMP
packets (whose quoted headers carry TCP/UDP fields) and non-first IP fragments
are not packets of any flow.
"""
import argparse
import csv
import ipaddress
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import payload as P  # noqa: E402  (payload signatures -> kind column)

IDLE_TIMEOUT_NS = 120 * 10**9
ACTIVE_TIMEOUT_NS = 1800 * 10**9
LINGER_NS = 10 * 10**9
LABELS = {"bittorrent", "websocket", "http", "other", "ignore"}
# A truth rule's label "web": the flow's own payloads decide between websocket (it shows a
# WebSocket upgrade, payload.ws_upgrade) and http (it does not), for servers that answer both on
# one port (Socket.IO's polling and websocket transports).  Plain flows only: TLS hides both.
WEB_BY_PAYLOAD = "web"

# Protocols tshark needs to reach the transport header; everything else is disabled.
TSHARK_PROTOCOLS = ["frame", "eth", "ethertype", "sll", "ip", "ipv6", "tcp", "udp",
                    "icmp", "icmpv6", "vlan", "null", "raw", "loop"]
FIELDS = ["frame.time_epoch", "ip.src", "ipv6.src", "ip.dst", "ipv6.dst",
          "ip.proto", "ipv6.nxt", "tcp.srcport", "tcp.dstport", "udp.srcport",
          "udp.dstport", "tcp.flags", "ip.frag_offset", "ipv6.fraghdr.offset"]

TH_FIN, TH_SYN, TH_RST, TH_ACK = 0x01, 0x02, 0x04, 0x10


def warn(msg):
    print(f"label.py: warning: {msg}", file=sys.stderr)


def epoch_to_ns(s):
    """'1764096000.123456789' -> integer nanoseconds, without going through float."""
    s = s.strip()
    neg = s.startswith("-")
    if neg:
        s = s[1:]
    if "." in s:
        ip, fp = s.split(".", 1)
    else:
        ip, fp = s, ""
    fp = (fp + "000000000")[:9]
    v = int(ip or "0") * 10**9 + int(fp)
    return -v if neg else v


def ns_to_start(ns):
    """Unix seconds with exactly six decimals, truncated to the microsecond."""
    if ns < 0:
        raise ValueError("negative timestamp")
    sec, rem = divmod(ns, 10**9)
    return f"{sec}.{rem // 1000:06d}"


def canon_ip(s):
    return str(ipaddress.ip_address(s))


def first(v):
    return v.split(",")[0] if v else ""


def tshark_packets(path):
    """Yield (ts_ns, proto, src_ip, src_port, dst_ip, dst_port, flags) per TCP/UDP packet."""
    cmd = ["tshark", "-n", "-r", str(path), "--disable-protocol", "ALL"]
    for p in TSHARK_PROTOCOLS:
        cmd += ["--enable-protocol", p]
    cmd += ["-o", "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE",
            "-o", "tcp.desegment_tcp_streams:FALSE", "-o", "tcp.analyze_sequence_numbers:FALSE",
            "-o", "tcp.calculate_timestamps:FALSE", "-o", "tcp.check_checksum:FALSE",
            "-o", "udp.check_checksum:FALSE",
            "-Y", "(tcp or udp) and not icmp and not icmpv6",
            "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "quote=n"]
    for f in FIELDS:
        cmd += ["-e", f]
    env = dict(os.environ)
    # A private, empty profile so the user's Wireshark preferences can't change the result.
    env["WIRESHARK_CONFIG_DIR"] = env.get("LAB_TSHARK_CONFIG_DIR", "/nonexistent-flowclass-lab")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    n = 0
    for line in proc.stdout:
        line = line.rstrip("\n")
        if not line:
            continue
        v = line.split("\t")
        if len(v) < len(FIELDS):
            v += [""] * (len(FIELDS) - len(v))
        (t, s4, s6, d4, d6, _p4, _p6, tsp, tdp, usp, udp_, flags, foff4, foff6) = v[:len(FIELDS)]
        n += 1
        if "," in s4 or "," in s6 or "," in tsp or "," in usp:
            warn(f"{path}: packet {n}: several IP/transport headers (tunnel?); using the outer one")
        # Non-first fragments carry no transport header of their own.
        if first(foff4) not in ("", "0") or first(foff6) not in ("", "0"):
            continue
        src = first(s4) or first(s6)
        dst = first(d4) or first(d6)
        if not src or not dst:
            continue
        if tsp and usp:
            # Outer header wins: whichever comes first in the frame is unknown from fields;
            # this should never happen in lab captures.
            warn(f"{path}: packet {n}: both TCP and UDP headers; skipped")
            continue
        if tsp:
            proto, sp, dp = "tcp", first(tsp), first(tdp)
            fl = int(first(flags), 16) if flags else 0
        elif usp:
            proto, sp, dp, fl = "udp", first(usp), first(udp_), 0
        else:
            continue
        yield epoch_to_ns(first(t)), proto, canon_ip(src), int(sp), canon_ip(dst), int(dp), fl
    err = proc.stderr.read()
    rc = proc.wait()
    if rc != 0:
        raise RuntimeError(f"tshark failed on {path} (rc={rc}): {err.strip()}")


class Flow:
    __slots__ = ("proto", "src", "dst", "first_ns", "last_ns", "fin_from", "rst", "packets")

    def __init__(self, proto, src, dst, ts):
        self.proto, self.src, self.dst = proto, src, dst
        self.first_ns = self.last_ns = ts
        self.fin_from = set()
        self.rst = False
        self.packets = 0

    def finished(self):
        return self.rst or len(self.fin_from) == 2


def enumerate_flows(packets):
    """docs/FLOWS.md, to the letter.  Returns flows in order of their first packet."""
    active = {}
    flows = []
    for ts, proto, sip, sp, dip, dp, fl in packets:
        a, b = (sip, sp), (dip, dp)
        key = (proto,) + ((a, b) if a <= b else (b, a))
        f = active.get(key)
        if f is not None:
            gap = max(0, ts - f.last_ns)
            since_first = max(0, ts - f.first_ns)
            new = (gap > IDLE_TIMEOUT_NS or since_first > ACTIVE_TIMEOUT_NS)
            if not new and f.finished():
                syn_only = proto == "tcp" and (fl & TH_SYN) and not (fl & TH_ACK)
                new = bool(syn_only) or gap > LINGER_NS
            if new:
                f = None
        if f is None:
            if proto == "tcp" and (fl & TH_SYN) and (fl & TH_ACK):
                f = Flow(proto, b, a, ts)   # SYN+ACK: src is its receiver
            else:
                f = Flow(proto, a, b, ts)
            active[key] = f
            flows.append(f)
        else:
            # "time that goes backwards counts as a gap of zero": last_ns never moves back.
            if ts > f.last_ns:
                f.last_ns = ts
        f.packets += 1
        if proto == "tcp":
            if fl & TH_RST:
                f.rst = True
            if fl & TH_FIN:
                f.fin_from.add(a)
    return flows


def load_truth(path):
    scenario = None
    encrypted = None
    rules = []
    with open(path, newline="") as fh:
        lines = fh.read().splitlines()
    data = []
    for i, line in enumerate(lines):
        s = line.strip()
        if s.startswith("#"):
            body = s[1:].strip()
            if ":" in body:
                k, val = body.split(":", 1)
                k = k.strip().lower()
                if k == "scenario" and scenario is None:
                    scenario = val.strip()
                elif k == "encrypted":
                    encrypted = val.strip().lower()
            continue
        if s:
            data.append(line)
    rd = csv.reader(data)
    header = next(rd, None)
    columns = [h.strip() for h in header] if header else None
    if columns not in (["proto", "ip", "port", "label"], ["proto", "ip", "port", "label", "kind"]):
        raise ValueError(f"{path}: header must be proto,ip,port,label[,kind]")
    for row in rd:
        if len(row) not in (4, len(columns)):
            raise ValueError(f"{path}: bad row {row}")
        proto, ip, port, label, kind = [x.strip() for x in row] + [""] * (5 - len(row))
        proto = proto.lower()
        if proto not in ("tcp", "udp", "*"):
            raise ValueError(f"{path}: bad proto {proto}")
        if label not in LABELS and label != WEB_BY_PAYLOAD:
            raise ValueError(f"{path}: bad label {label}")
        if (label == "other") != bool(kind):
            raise ValueError(f"{path}: row {row}: a kind is required for other and only for other")
        if ip == "*":
            net = None
        elif "/" in ip:
            net = ipaddress.ip_network(ip, strict=False)
        else:
            net = ipaddress.ip_network(ip)   # a single address as /32 or /128
        if port != "*":
            port = int(port)
        rules.append((proto, net, port, label, kind))
    if scenario is None:
        scenario = Path(path).name[:-len(".truth.csv")]
    return scenario, encrypted, rules


def truth_meta(path):
    """'# key: value ; key: value' comment lines of a truth file -> dict (lower-case keys)."""
    m = {}
    with open(path) as fh:
        for line in fh:
            if not line.startswith("#"):
                continue
            for part in line[1:].split(" ; "):
                if ":" in part:
                    k, v = part.split(":", 1)
                    m.setdefault(k.strip().lower(), v.strip())
    return m


def payload_kinds(cap):
    """Our pcap reader's flows (payload.scan) -> {flow key: (first payload, set of BT UDP kinds,
    whether a payload shows a WebSocket upgrade)}."""
    def on_payload(f, _from_src, pay):
        if "first_pay" not in f:
            f["first_pay"] = pay
            f["udp_kinds"] = set()
            f["ws"] = False
        if f["proto"] == "udp":
            f["udp_kinds"].add(P.bt_udp_kind(pay))
        elif not f["ws"]:
            f["ws"] = P.ws_upgrade(pay)
    out = {}
    for f in P.scan(cap, max_pkts=0, on_payload=on_payload):
        key = (f["proto"], f["src"][0], f["src"][1], f["dst"][0], f["dst"][1], ns_to_start(f["first"]))
        out[key] = (f.get("first_pay"), f.get("udp_kinds", set()), f.get("ws", False))
    return out


def match(rules, flow):
    """The (label, kind) of the first rule the flow matches, or None."""
    for proto, net, port, label, kind in rules:
        if proto != "*" and proto != flow.proto:
            continue
        for ip, p in (flow.src, flow.dst):
            if port != "*" and p != port:
                continue
            if net is not None and ipaddress.ip_address(ip) not in net:
                continue
            return label, kind
    return None


def find_captures(out):
    found = []
    for root, dirs, files in os.walk(out):
        dirs.sort()
        for fn in sorted(files):
            stem = P.capture_stem(fn)
            truth = Path(root) / f"{stem}.truth.csv"
            if stem is not None and truth.exists():
                found.append((Path(root) / fn, truth))
    return found


def sort_key(row):
    cap, proto, sip, sp, dip, dp, start = row[:7]
    return (cap, epoch_to_ns(start), proto, sip, int(sp), dip, int(dp))


def label_capture(out, cap, truth, fallbacks=None):
    scenario, enc, rules = load_truth(truth)
    meta = truth_meta(truth)
    tports = {int(p) for p in meta.get("tracker udp port", "").split() if p.isdigit()}
    implementation = meta.get("implementation", "")
    rel = cap.relative_to(out).as_posix()
    pk = payload_kinds(cap)
    rows = []
    unmatched = 0
    for f in enumerate_flows(tshark_packets(cap)):
        label, rule_kind = match(rules, f) or (None, "")
        if label is None:
            unmatched += 1
            if unmatched <= 5:
                warn(f"{rel}: unmatched flow {f.proto} {f.src[0]}:{f.src[1]} -> {f.dst[0]}:{f.dst[1]}; labelled ignore")
            label = "ignore"
        start = ns_to_start(f.first_ns)
        first_pay, udp_kinds, ws = pk.get((f.proto, f.src[0], f.src[1], f.dst[0], f.dst[1], start), (None, set(), False))
        if label == WEB_BY_PAYLOAD:
            label = "websocket" if ws else "http"
        kind, how = P.flow_kind(label, f.proto, first_pay, udp_kinds, f.src, f.dst, tports, enc, rule_kind)
        if how == "fallback" and fallbacks is not None:
            fallbacks[(scenario, label, f.proto, kind)] = fallbacks.get((scenario, label, f.proto, kind), 0) + 1
        rows.append((rel, f.proto, f.src[0], str(f.src[1]), f.dst[0], str(f.dst[1]),
                     start, label, scenario, kind, implementation))
    if unmatched > 5:
        warn(f"{rel}: {unmatched} unmatched flows in all (labelled ignore)")
    return rows


def label_one(out, cap, truth):
    """label_capture for a worker process: the capture's rows and its fallback counts."""
    fallbacks = {}
    return label_capture(out, cap, truth, fallbacks), fallbacks


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", help="directory holding <dir>/<capture>.pcap[ng][.gz] + .truth.csv")
    ap.add_argument("--output", help="default: OUT/labels.csv")
    ap.add_argument("--summary", action="store_true", help="print flows per scenario and label")
    ap.add_argument("--jobs", type=int, default=os.cpu_count(), help="captures labelled at once")
    ap.add_argument("--update", action="store_true",
                    help="keep the existing labels.csv rows of captures it names and label only the "
                         "captures it does not (a re-recorded capture needs a full run)")
    args = ap.parse_args()
    out = Path(args.out).resolve()
    caps = find_captures(out)
    if not caps:
        print(f"label.py: no captures with truth files under {out}", file=sys.stderr)
        return 1
    rows = []
    fallbacks = {}
    n_captures = len(caps)
    dest = Path(args.output) if args.output else out / "labels.csv"
    if args.update and dest.exists():
        # Keep the rows of captures labelled before; label only the captures without rows.
        with open(dest, newline="") as fh:
            reader = csv.reader(fh)
            next(reader, None)
            present = {cap.relative_to(out).as_posix() for cap, _truth in caps}
            rows = [tuple(r) for r in reader if r and r[0] in present]
        done = {r[0] for r in rows}
        caps = [(cap, truth) for cap, truth in caps if cap.relative_to(out).as_posix() not in done]
        print(f"label.py: --update: {len(done)} captures kept, {len(caps)} to label", file=sys.stderr)
    with multiprocessing.Pool(args.jobs) as pool:
        for cap_rows, cap_fallbacks in pool.starmap(label_one, [(out, cap, truth) for cap, truth in caps]):
            rows += cap_rows
            for k, n in cap_fallbacks.items():
                fallbacks[k] = fallbacks.get(k, 0) + n
    rows.sort(key=sort_key)
    tmp = dest.with_name(dest.name + ".tmp")
    with open(tmp, "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["capture", "proto", "src_ip", "src_port", "dst_ip", "dst_port", "start", "label", "scenario", "kind",
                    "implementation"])
        w.writerows(rows)
    os.replace(tmp, dest)
    counts = {}
    kinds = {}
    for r in rows:
        counts[(r[8], r[7])] = counts.get((r[8], r[7]), 0) + 1
        if r[9]:
            kinds[(r[7], r[9])] = kinds.get((r[7], r[9]), 0) + 1
    print(f"label.py: {len(rows)} flows from {n_captures} captures -> {dest}", file=sys.stderr)
    print("label.py: kinds: " + ", ".join(f"{lab}/{k} {n}" for (lab, k), n in sorted(kinds.items())),
          file=sys.stderr)
    if fallbacks:
        print("label.py: kind not read from the payload (no payload or no signature; inferred, see "
              "payload.flow_kind): " + ", ".join(f"{s_} {lab}/{p} -> {k}: {n}"
                                                  for (s_, lab, p, k), n in sorted(fallbacks.items())),
              file=sys.stderr)
    if args.summary:
        for (scen, lab), n in sorted(counts.items()):
            print(f"{scen}\t{lab}\t{n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

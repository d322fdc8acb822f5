"""Payload signatures and the lab's own pcap/pcapng reader, shared by label.py (the `kind`
column) and verify_labels.py (the skeptic's check).

* read_capture / parse_packet: a small pcap + pcapng reader (Ethernet, Linux SLL/SLL2, raw IP,
  BSD loopback), independent of tshark; gzip-compressed captures (.pcap.gz) are read through
  open_capture, as flowclass reads them.
* CAPTURE_EXTS / capture_stem: the capture file names the lab writes and the datasets keep.
* scan(path, max_pkts): flows per docs/FLOWS.md with the first max_pkts payloads of each.
* bt_udp_kind(payload): which BitTorrent UDP protocol a datagram speaks: "dht" (bencoded KRPC),
  "utp" (uTP header, type 0-4, version 1), "tracker" (BEP 15 UDP tracker: connect magic,
  announce/scrape request, connect/announce/scrape/error reply), "lsd" (BT-SEARCH), or None.
* flow_kind(label, proto, payloads, ...): the `kind` of a labelled flow (see label.py).
"""
import gzip
import ipaddress
import re
import struct

MAX_PKTS = 8
HS = b"\x13BitTorrent protocol"
HTTP_METHODS = (b"GET", b"POST", b"HEAD", b"PUT", b"DELETE", b"OPTIONS", b"PATCH", b"CONNECT", b"TRACE")
RE_REQ_FULL = re.compile(rb"^(GET|POST|HEAD|PUT|DELETE|OPTIONS|PATCH|CONNECT|TRACE) \S+ HTTP/1\.[01]\r?\n")
# A request line the snaplen cut: the method, a path, and at most a prefix of " HTTP/1.x".
RE_REQ_CUT = re.compile(rb"^(GET|POST|HEAD|PUT|DELETE|OPTIONS|PATCH|CONNECT|TRACE) /\S*"
                        rb"(?: (?:H(?:T(?:T(?:P(?:/(?:1(?:\.[01]?)?)?)?)?)?)?)?)?$")
RE_REQ_ANY = re.compile(rb"(GET|POST|HEAD|PUT|DELETE|OPTIONS|PATCH) /\S* HTTP/1\.[01]")
# The HTTP/2 connection preface a cleartext (h2c, gRPC without TLS) client sends first.
RE_H2_PREFACE = re.compile(rb"^PRI \* HTTP/2\.0\r\n")
RE_WS = re.compile(rb"upgrade:\s*websocket", re.I)
RE_101 = re.compile(rb"^HTTP/1\.[01] 101")
# An Upgrade to cleartext HTTP/2 (h2c): its request and 101 answer are HTTP, not WebSocket.
RE_H2C = re.compile(rb"upgrade:\s*h2c", re.I)


# ---------------------------------------------------------------- capture reader
CAPTURE_EXTS = (".pcapng.gz", ".pcap.gz", ".pcapng", ".pcap")


def capture_stem(name):
    """File name without its capture extension (None if it is not a capture): the stem that
    names the sidecar truth file, NAME.truth.csv."""
    for ext in CAPTURE_EXTS:
        if name.endswith(ext):
            return name[:-len(ext)]
    return None


def open_capture(path):
    """A binary file object over the capture's bytes, decompressing a gzip stream (sniffed by its
    magic, like flowclass does)."""
    fh = open(path, "rb")
    if fh.read(2) == b"\x1f\x8b":
        fh.seek(0)
        return gzip.GzipFile(fileobj=fh)
    fh.seek(0)
    return fh

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
    with open_capture(path) as fh:
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
    # BEP 15 announce (action 1, 98 bytes, cut by the snaplen) / scrape (action 2, 16 + 20n)
    # request after a connect: 8-byte connection id, action, transaction id.
    if len(b) >= 36 and b[8:11] == b"\x00\x00\x00" and (
            (b[11] == 1 and len(b) >= 80 and not utp_header(b)) or (b[11] == 2 and (len(b) - 16) % 20 == 0)):
        return "tracker"
    # error reply: action 3, transaction id, a text message
    if len(b) > 8 and b[:4] == b"\x00\x00\x00\x03" and all(32 <= c < 127 for c in b[8:].rstrip(b"\x00")):
        return "tracker"
    if utp_header(b):
        return "utp"
    return None


def http_visible(b):
    """An HTTP/1.x request line (whole, or cut by the snaplen) or the HTTP/2 connection preface."""
    return bool(RE_REQ_FULL.match(b) or RE_REQ_CUT.match(b) or RE_REQ_ANY.search(b) or RE_H2_PREFACE.match(b))


def ws_answer(b):
    """An 'HTTP/1.x 101' answer that is not the switch to h2c."""
    return bool(RE_101.match(b)) and not RE_H2C.search(b)


def ws_upgrade(b):
    """A WebSocket upgrade: an 'Upgrade: websocket' request header or a 101 answer (ws_answer)."""
    return bool(RE_WS.search(b)) or ws_answer(b)



def scan(path, max_pkts=None, on_payload=None):
    """Our own flow enumeration (docs/FLOWS.md), independent of label.py's tshark pass.
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
        if pay and on_payload is not None:
            on_payload(f, a == f["src"], pay)
        if pay and f["npay"] < (MAX_PKTS if max_pkts is None else max_pkts):
            f["npay"] += 1
            f["pk"].append((a == f["src"], pay))
    return flows



# ---------------------------------------------------------------- flow kinds (labels.csv "kind")
BT_KINDS = ("peer-wire", "utp", "dht", "lsd", "tracker")
WEB_KINDS = ("plain", "tls")
LSD_GROUPS = {"239.192.152.143", "ff15::efc0:988f"}
# Precedence when one UDP 5-tuple carries several BitTorrent protocols: libtorrent and
# transmission send DHT, uTP and UDP-tracker datagrams from one socket, so a flow between two
# clients can hold DHT queries and a uTP connection; it is a uTP flow then.
BT_UDP_PRECEDENCE = ("lsd", "tracker", "utp", "dht")


def tls_record(b):
    """A TLS record header: content type 20-23, version 3.x (x 0-4)."""
    return len(b) >= 3 and 20 <= b[0] <= 23 and b[1] == 3 and b[2] <= 4


def bt_udp_fallback(src, dst, tracker_ports=()):
    """Kind of a BitTorrent UDP flow whose payloads show no known protocol (or no payload):
    LSD by its multicast group, UDP tracker by the truth file's tracker UDP port, else DHT
    (the lab's BitTorrent clients send nothing else over UDP that is not uTP, and uTP always
    shows its 20-byte header within the snaplen)."""
    for ip, port in (src, dst):
        if ip in LSD_GROUPS:
            return "lsd"
    for ip, port in (src, dst):
        if port in tracker_ports:
            return "tracker"
    return "dht"


def flow_kind(label, proto, first_payload, udp_kinds, src, dst, tracker_ports=(), encrypted=None,
              rule_kind=""):
    """-> (kind, how).  first_payload: the flow's first payload (bytes, or None); udp_kinds: the
    set of bt_udp_kind() over all its payloads.  how is "payload" when the kind was read from the
    payloads, "fallback" when it was inferred: a BitTorrent UDP flow without a known signature
    by bt_udp_fallback; an http/websocket flow without payload by the truth file's
    "# encrypted:" (yes -> tls, else plain); a BitTorrent TCP flow is peer-wire either way;
    an http/websocket UDP flow is quic (HTTP/3); an `other` flow has its truth rule's kind."""
    if label == "other":
        return rule_kind, "truth"
    if label == "bittorrent":
        if proto == "tcp":
            return "peer-wire", "payload" if first_payload else "fallback"
        for k in BT_UDP_PRECEDENCE:
            if k in udp_kinds:
                return k, "payload"
        return bt_udp_fallback(src, dst, tracker_ports), "fallback"
    if label in ("http", "websocket"):
        if proto == "udp":
            return "quic", "payload" if first_payload else "fallback"
        if first_payload:
            return ("tls" if tls_record(first_payload) else "plain"), "payload"
        return ("tls" if (encrypted or "").startswith("y") else "plain"), "fallback"
    return "", ""

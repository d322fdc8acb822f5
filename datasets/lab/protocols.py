"""Payload evidence for the `other` label: one check per protocol `kind`, used by
verify_labels.py (the skeptic's check).

A truth-file rule labels a flow `other` with the protocol it speaks as its kind
(`udp,*,53,other,dns`).  verify_labels.py then asks SIGNATURES[kind] whether the flow's
first payloads (snaplen 128: at most ~60 payload bytes of each packet) show that protocol:

    @signature("dns")
    def dns(payloads, encrypted):
        ...   # payloads: [(from_src, bytes)], every payload packet examined; True = evidence

`encrypted` is the scenario's "# encrypted: yes" (a protocol run inside TLS or its own
cipher then shows its record layer, not its plaintext).  A kind without a registered check
fails verification: every `other` kind says how it is recognised.  `http_syntax=True` marks a
protocol that itself writes HTTP/1.x request lines (SSDP's "M-SEARCH * HTTP/1.1"), so the
generic "no HTTP request line in an `other` flow" check does not apply to it.
"""
import re
import struct
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Signature:
    check: Callable
    http_syntax: bool = False


SIGNATURES = {}


def signature(kind, http_syntax=False):
    """Registers the decorated check as the evidence for `other` flows of `kind`."""
    def register(check):
        if kind in SIGNATURES:
            raise ValueError(f"two signatures for kind {kind}")
        SIGNATURES[kind] = Signature(check, http_syntax)
        return check
    return register


# ---------------------------------------------------------------- building blocks
def tls_record(b):
    """A TLS record header: content type 20-23, version 3.x (x 0-4)."""
    return len(b) >= 3 and 20 <= b[0] <= 23 and b[1] == 3 and b[2] <= 4


def quic_long_header(b):
    """A QUIC long-header packet (RFC 9000 17.2): header form and fixed bits set, a version."""
    return len(b) >= 6 and b[0] & 0xC0 == 0xC0 and b[1:5] != b"\0\0\0\0"


def any_payload(payloads, test):
    return any(test(b) for _s, b in payloads)


def starts_with_any(prefixes):
    return lambda b: any(b.startswith(p) for p in prefixes)


def tls_or(payloads, encrypted, plain_test):
    """Evidence for a protocol with a plaintext and a TLS form: a TLS record when the scenario
    says it is encrypted, else the plaintext test."""
    return any_payload(payloads, tls_record if encrypted else plain_test)


def dns_message(b, tcp=False):
    """A DNS message header (RFC 1035 4.1.1): plausible counts, opcode 0-6, a question or
    answer; over TCP behind its 2-byte length prefix."""
    if tcp:
        if len(b) < 14:
            return False
        b = b[2:]
    if len(b) < 12:
        return False
    _id, flags, qd, an, ns, ar = struct.unpack("!HHHHHH", b[:12])
    opcode = (flags >> 11) & 0xF
    return opcode <= 6 and qd <= 4 and an <= 200 and ns <= 50 and ar <= 50 and (qd or an)


RE_PRINTABLE_LINE = re.compile(rb"^[\x20-\x7e\t]{2,}\r?\n")

# ---------------------------------------------------------------- UDP protocols (lab round: other-udp)
def dns_any(b):
    """A DNS message over UDP, or over TCP behind its length prefix."""
    return dns_message(b) or dns_message(b, tcp=True)


@signature("dns")
def dns(payloads, encrypted):
    return any_payload(payloads, dns_any)


@signature("dot")
def dot(payloads, encrypted):
    """DNS over TLS (RFC 7858): TLS records only."""
    return any_payload(payloads, tls_record)


@signature("mdns")
def mdns(payloads, encrypted):
    """Multicast DNS (RFC 6762): DNS messages on 5353 (and legacy unicast queries)."""
    return any_payload(payloads, dns_message)


def ntp_packet(b):
    """An NTP header (RFC 5905 7.3): version 3-4, mode 1-5 (symmetric, client, server, broadcast),
    at least the 48-byte header, stratum 0-16."""
    return len(b) >= 48 and 3 <= (b[0] >> 3) & 7 <= 4 and 1 <= b[0] & 7 <= 5 and b[1] <= 16


@signature("ntp")
def ntp(payloads, encrypted):
    return any_payload(payloads, ntp_packet)


@signature("nts-ke")
def nts_ke(payloads, encrypted):
    """NTS key establishment (RFC 8915 4): TLS 1.3 records only."""
    return any_payload(payloads, tls_record)


def nbns_packet(b):
    """A NetBIOS name service packet (RFC 1002 4.2): a DNS-style header whose question or
    answer name is the 32-byte first-level encoding (length byte 0x20, letters A-P)."""
    return dns_message(b) and len(b) >= 45 and b[12] == 0x20 and all(0x41 <= c <= 0x50 for c in b[13:45])


def nbdgm_packet(b):
    """A NetBIOS datagram service packet (RFC 1002 4.4): message type 0x10-0x16, flags, source port
    138 (the usual) at offset 8."""
    return len(b) >= 14 and 0x10 <= b[0] <= 0x16 and struct.unpack("!H", b[8:10])[0] == 138


@signature("netbios")
def netbios(payloads, encrypted):
    return any_payload(payloads, lambda b: nbns_packet(b) or nbdgm_packet(b))


RE_SSDP = re.compile(rb"^(M-SEARCH \* HTTP/1\.1\r\n|NOTIFY \* HTTP/1\.1\r\n|HTTP/1\.1 200 OK\r\n)")


@signature("ssdp", http_syntax=True)
def ssdp(payloads, encrypted):
    """SSDP (UPnP discovery): M-SEARCH / NOTIFY to "*" or a unicast search answer, over UDP."""
    return any_payload(payloads, lambda b: RE_SSDP.match(b) is not None) and \
        not any_payload(payloads, lambda b: re.match(rb"^(GET|POST|SUBSCRIBE) /", b) is not None)


def bootp(b):
    """A BOOTP/DHCPv4 header (RFC 2131): op 1|2, Ethernet hardware type and length, few hops."""
    return len(b) >= 28 and b[0] in (1, 2) and b[1] == 1 and b[2] == 6 and b[3] <= 16


def dhcpv6(b):
    """A DHCPv6 client/server message (RFC 8415): type 1-13, then an option code of the base set."""
    return len(b) >= 8 and 1 <= b[0] <= 13 and struct.unpack("!H", b[4:6])[0] in (1, 2, 3, 6, 8, 14, 16, 25, 39)


@signature("dhcp")
def dhcp(payloads, encrypted):
    return any_payload(payloads, lambda b: bootp(b) or dhcpv6(b))


def snmp_message(b):
    """An SNMP message (RFC 3416/3412): a BER SEQUENCE holding INTEGER version 0, 1 or 3."""
    if len(b) < 5 or b[0] != 0x30:
        return False
    i = 2 if b[1] < 0x80 else 2 + (b[1] & 0x7F)
    return b[i:i + 2] == b"\x02\x01" and len(b) > i + 2 and b[i + 2] in (0, 1, 3)


@signature("snmp")
def snmp(payloads, encrypted):
    return any_payload(payloads, snmp_message)


RE_SYSLOG = re.compile(rb"^(\d{1,5} )?<\d{1,3}>")


@signature("syslog")
def syslog(payloads, encrypted):
    """syslog (RFC 3164/5424): "<PRI>" at the start of a message, over TCP maybe behind an octet
    count (RFC 6587); over TLS (RFC 5425) its records."""
    return tls_or(payloads, encrypted, lambda b: RE_SYSLOG.match(b) is not None)


def tftp_packet(b):
    """A TFTP packet (RFC 1350/2347): opcode 1-6; a request names a file and a transfer mode."""
    if len(b) < 4 or b[0] != 0 or not 1 <= b[1] <= 6:
        return False
    if b[1] in (1, 2):
        parts = b[2:].split(b"\0")
        return len(parts) >= 2 and parts[0] != b"" and (len(parts) == 2 or parts[1].lower() in (b"octet", b"netascii", b"mail"))
    return True


@signature("tftp")
def tftp(payloads, encrypted):
    return any_payload(payloads, tftp_packet)


def radius_packet(b):
    """A RADIUS packet (RFC 2865/2866): code 1-5 or 11-13, length 20-4096."""
    return len(b) >= 20 and b[0] in (1, 2, 3, 4, 5, 11, 12, 13) and 20 <= struct.unpack("!H", b[2:4])[0] <= 4096


@signature("radius")
def radius(payloads, encrypted):
    return any_payload(payloads, radius_packet)


def dtls_record(b):
    """A DTLS record header (RFC 6347 4.1): content type 20-23, version 1.0 (0xfeff) or 1.2 (0xfefd)."""
    return len(b) >= 13 and 20 <= b[0] <= 23 and b[1] == 0xFE and b[2] in (0xFF, 0xFD)


def coap_message(b):
    """A CoAP message (RFC 7252 3): version 1, token length 0-8, code class 0, 2, 4 or 5."""
    return len(b) >= 4 and b[0] >> 6 == 1 and b[0] & 0xF <= 8 and b[1] >> 5 in (0, 2, 4, 5)


@signature("coap")
def coap(payloads, encrypted):
    """CoAP messages; CoAP over DTLS (coaps, RFC 7252 9) shows DTLS records."""
    return any_payload(payloads, dtls_record if encrypted else coap_message)


RE_SIP = re.compile(rb"^((INVITE|ACK|BYE|CANCEL|OPTIONS|REGISTER|SUBSCRIBE|NOTIFY|INFO|UPDATE|PRACK|MESSAGE|REFER)"
                    rb" sips?:\S+ SIP/2\.0\r\n|SIP/2\.0 \d{3} )")


@signature("sip")
def sip(payloads, encrypted):
    """SIP (RFC 3261): a request line or a status line; over TLS its records."""
    return tls_or(payloads, encrypted, lambda b: RE_SIP.match(b) is not None)


def rtp_packet(b):
    """RTP or RTCP (RFC 3550): version 2 in the first two bits, at least the 12-byte RTP header
    (RTCP shares the version field)."""
    return len(b) >= 12 and b[0] >> 6 == 2


@signature("rtp")
def rtp(payloads, encrypted):
    return any_payload(payloads, rtp_packet)


def stun_message(b):
    """A STUN message (RFC 8489 5): two zero bits, a length that is a multiple of 4, the magic
    cookie 0x2112A442."""
    return len(b) >= 20 and b[0] >> 6 == 0 and b[4:8] == b"\x21\x12\xa4\x42" and \
        struct.unpack("!H", b[2:4])[0] % 4 == 0


@signature("stun")
def stun(payloads, encrypted):
    """STUN/TURN: STUN messages (TURN's ChannelData frames follow them on the same flow); over
    TCP the same framing."""
    return any_payload(payloads, stun_message)


@signature("webrtc")
def webrtc(payloads, encrypted):
    """WebRTC media/data (RFC 8835): ICE connectivity checks (STUN), then DTLS (the handshake, SCTP
    data channels) and SRTP on the same 5-tuple; a candidate pair that lost the ICE race shows
    only its checks."""
    return any_payload(payloads, stun_message) and \
        all(stun_message(b) or dtls_record(b) or rtp_packet(b) for _s, b in payloads)


def wireguard_message(b):
    """A WireGuard message (whitepaper 5.4): type 1-4 and three reserved zero bytes; handshake
    initiation 148 bytes, response 92, cookie reply 64, transport data >= 32."""
    return len(b) >= 32 and 1 <= b[0] <= 4 and b[1:4] == b"\0\0\0"


@signature("wireguard")
def wireguard(payloads, encrypted):
    return bool(payloads) and all(wireguard_message(b) for _s, b in payloads)


def openvpn_opcode(b, tcp):
    """The OpenVPN opcode (ssl.h: P_CONTROL_HARD_RESET_CLIENT_V2 7, _SERVER_V2 8, _CLIENT_V3 10,
    P_CONTROL_V1 4, P_ACK_V1 5, P_DATA_V1 6, P_DATA_V2 9) of a packet; over TCP behind the
    2-byte length."""
    if tcp:
        if len(b) < 3 or struct.unpack("!H", b[:2])[0] < 1:
            return None
        b = b[2:]
    return b[0] >> 3 if b else None


@signature("openvpn")
def openvpn(payloads, encrypted):
    """OpenVPN (UDP or TCP): the flow's first packet is a client hard reset (opcode 7 or 10) and
    every packet has a known opcode."""
    first = payloads[0][1]
    for tcp in (False, True):
        if openvpn_opcode(first, tcp) in (7, 10) and \
           all(openvpn_opcode(b, tcp) in (4, 5, 6, 7, 8, 9, 10) for _s, b in payloads if not tcp or len(b) >= 3):
            return True
    return False


RE_IPERF_COOKIE = re.compile(rb"[a-z2-7]{30,36}\0?")  # 36 characters and NUL; snaplen may cut the end


@signature("iperf3")
def iperf3(payloads, encrypted):
    """iperf3: a TCP connection opens with the test's 37-byte cookie; a UDP test stream opens with
    the client's 4-byte hello 0x36373839 (UDP_CONNECT_MSG) and its answer 0x39383736."""
    return any_payload(payloads, lambda b: RE_IPERF_COOKIE.fullmatch(b) is not None or b[:4] in (b"6789", b"9876"))

# ---------------------------------------------------------------- end of UDP protocols


# ---------------------------------------------------------------- UDP protocols (lab round: udp-other)
@signature("dtls")
def dtls(payloads, encrypted):
    """DTLS on its own (openssl s_server/s_client, gnutls-serv/-cli): every payload is a DTLS record."""
    return bool(payloads) and all(dtls_record(b) for _s, b in payloads)

KRB5_TAGS = (0x6A, 0x6B, 0x6C, 0x6D, 0x7E)  # [APPLICATION 10..13] AS/TGS-REQ/REP, [30] KRB-ERROR


def der_skip_length(b, i):
    """The index after the DER length octets at b[i] (None when cut short or too long)."""
    if i >= len(b):
        return None
    n = b[i] & 0x7F if b[i] & 0x80 else 0
    return i + 1 + n if n <= 3 and i + 1 + n <= len(b) else None


def krb5_message(b):
    """A Kerberos message (RFC 4120 5.4-5.9): an application tag, a SEQUENCE, then pvno 5 and the
    msg-type that matches the tag ([1]/[2] for requests, [0]/[1] for replies and errors)."""
    if len(b) < 16 or b[0] not in KRB5_TAGS:
        return False
    i = der_skip_length(b, 1)
    if i is None or i >= len(b) or b[i] != 0x30:
        return False
    i = der_skip_length(b, i + 1)
    if i is None:
        return False
    pvno, mtype = (b"\xa1\x03\x02\x01\x05", b"\xa2\x03\x02\x01") if b[0] in (0x6A, 0x6C) else \
        (b"\xa0\x03\x02\x01\x05", b"\xa1\x03\x02\x01")
    return b[i:i + 5] == pvno and b[i + 5:i + 9] == mtype and i + 9 < len(b) and b[i + 9] == b[0] - 0x60


@signature("kerberos")
def kerberos(payloads, encrypted):
    """Kerberos: the flow's first message, over UDP as it is, over TCP behind a 4-byte length
    (RFC 4120 7.2.2)."""
    first = payloads[0][1]
    return krb5_message(first) or (first[:2] == b"\0\0" and krb5_message(first[4:]))


@signature("netflow")
def netflow(payloads, encrypted):
    """NetFlow v5/v9 or IPFIX export datagrams (RFC 3954 5.1, RFC 7011 3.1): version 5, 9 or 10 in
    every packet, all from the exporter."""
    return all(s and len(b) >= 16 and b[:2] in (b"\0\x05", b"\0\x09", b"\0\x0a") for s, b in payloads)


PTP_LENGTHS = {0: (44,), 1: (44,), 2: (54,), 3: (54,), 8: (44,), 9: (54,), 10: (54,), 11: (64,),
               12: range(44, 1500), 13: range(48, 1500)}  # messageLength by messageType (1588-2008 13.5-13.12)


@signature("ptp")
def ptp(payloads, encrypted):
    """PTP version 2 (IEEE 1588-2008 13.3): versionPTP 2 in the low nibble of the second byte, the
    messageLength of its messageType, a zero reserved byte after the domain number."""
    return all(len(b) >= 34 and b[1] & 0x0F == 2 and b[5] == 0
               and struct.unpack("!H", b[2:4])[0] in PTP_LENGTHS.get(b[0] & 0x0F, ()) for _s, b in payloads)


RE_PRINTABLE_NUL = re.compile(rb"[\x21-\x7e]{1,63}\0")


@signature("collectd")
def collectd(payloads, encrypted):
    """collectd's binary network protocol: a packet is a sequence of parts (type, length); a plain
    one opens with the host part (type 0x0000, the NUL-terminated host name), an encrypted one
    (SecurityLevel Encrypt) with the encryption part (0x0210, then the user name's length and name)."""
    def plain(b):
        n = struct.unpack("!H", b[2:4])[0] if len(b) >= 6 else 0
        return b[:2] == b"\0\0" and 6 <= n <= 68 and RE_PRINTABLE_NUL.fullmatch(b[4:n]) is not None
    def sealed(b):
        n = struct.unpack("!H", b[4:6])[0] if len(b) >= 8 else 0
        return b[:2] == b"\x02\x10" and 1 <= n <= 64 and re.fullmatch(rb"[\x21-\x7e]+", b[6:6 + n]) is not None
    return all((sealed if encrypted else plain)(b) for _s, b in payloads)


RE_STATSD = re.compile(rb"^[\w.\-]+:[^|\n]+\|(c|ms|g|s|h)(\|@[\d.]+)?(\n|$)")


@signature("statsd")
def statsd(payloads, encrypted):
    """StatsD's line protocol: every datagram opens with "name:value|type" (c, ms, g, s, h)."""
    return all(RE_STATSD.match(b) is not None for _s, b in payloads)


SRT_CONTROL_TYPES = (0x0000, 0x0001, 0x0002, 0x0003, 0x0004, 0x0005, 0x0006, 0x0007, 0x7FFF)


@signature("srt")
def srt(payloads, encrypted):
    """SRT (draft-sharabayko-srt 3): the caller's first packet is a handshake control packet
    (0x8000 type 0); every control packet (top bit set) has a known type, data packets (top bit
    clear) carry at least the 16-byte header."""
    first = payloads[0][1]
    if len(first) < 48 or first[:4] != b"\x80\x00\x00\x00":
        return False
    return all(len(b) >= 16 and (b[0] < 0x80 or struct.unpack("!H", b[:2])[0] & 0x7FFF in SRT_CONTROL_TYPES)
               for _s, b in payloads)


RE_N2N_COMMUNITY = re.compile(rb"[\x21-\x7e]{1,15}\0")


@signature("n2n")
def n2n(payloads, encrypted):
    """n2n v1 (n2n.h, struct n2n_packet_header): version 1, a message type 0-5, TTL and
    sent-by-supernode bytes, then the NUL-terminated community name in a 16-byte field (the edge
    leaves the bytes after the NUL uninitialised), in every packet."""
    return all(len(b) >= 20 and b[0] == 1 and b[1] <= 5 and RE_N2N_COMMUNITY.match(b[4:20]) is not None
               for _s, b in payloads)


@signature("mosh")
def mosh(payloads, encrypted):
    """mosh's datagram (network.cc, Packet): an 8-byte nonce -- the direction bit (set: to the
    client) and a 63-bit sequence number counting from 0 -- then the encrypted body and its 16-byte
    OCB tag.  The client opens the flow, so its packets have the bit clear and the server's set."""
    def ok(from_client, b):
        nonce = struct.unpack("!Q", b[:8])[0] if len(b) >= 24 else None
        return nonce is not None and (nonce >> 63) == (0 if from_client else 1) and nonce & ((1 << 63) - 1) < 1 << 24
    return bool(payloads) and all(ok(s, b) for s, b in payloads)


# ---------------------------------------------------------------- end of UDP protocols (udp-other)
# ---------------------------------------------------------------- games and VPNs (other-udp3)
def teeworlds_packet(b):
    """A Teeworlds 0.7 packet (engine/shared/network.h): the flags in the top bits of byte 0
    (control 1, resend 2, compression 4, connless 8), ack, chunk count and a 4-byte token; a
    connectionless packet (byte 0 0x21: connless flags, version 1) carries token and response token,
    then the 0xffffffff magic before its 4-byte message name ("gie3", "inf3", ...)."""
    if len(b) < 7:
        return False
    if b[0] == 0x21:
        return len(b) >= 17 and b[9:13] == b"\xff\xff\xff\xff"
    return b[0] >> 2 < 8


def teeworlds_opening(b):
    """A Teeworlds 0.7 connectionless packet or control message (token request 5, connect 1,
    accept, keepalive, close: 0-5)."""
    return b[0] == 0x21 or (b[0] >> 2 & 1 and len(b) >= 8 and b[7] <= 5)


@signature("teeworlds")
def teeworlds(payloads, encrypted):
    """Teeworlds 0.7 over UDP: every packet has a valid header, and one is a control or
    connectionless message (connected game packets are Huffman-compressed)."""
    return all(teeworlds_packet(b) for _s, b in payloads) and any_payload(payloads, teeworlds_opening)


def ciphertext(b, least):
    """A datagram that is ciphertext from its first byte: at least `least` bytes, and its first 32
    (at most) bytes show no plaintext structure -- no byte value (zero padding, spaces, a header's
    fixed fields) repeated more than 4 times, which 32 random bytes do with probability < 0.01 %."""
    head = b[:32]
    return len(b) >= least and max(head.count(c) for c in set(head)) <= 4


RE_TINC_ID = re.compile(rb"^0 [A-Za-z0-9_]+ 17(\.\d+)?\n")


@signature("tinc")
def tinc(payloads, encrypted):
    """tinc 1.0 (protocol.h, send_id): the meta connection (TCP) opens with the ID request "0 NAME 17"
    in plaintext from both sides, then RSA-encrypted key exchange and encrypted meta messages; the
    UDP packets are encrypted from the sequence number on (cipher block, then the MAC)."""
    first = payloads[0][1]
    if RE_TINC_ID.match(first):
        return True
    return all(ciphertext(b, 16) for _s, b in payloads)


def fastd_handshake(b):
    """A fastd handshake (src/handshake.c): packet type 1, a reserved byte, the 2-byte length of the
    TLV records that follow (type and length little-endian); fastd v22 puts a 12-byte L2TPv3 control
    header (0xc803, length 12, connection id 0, sequence numbers) before it for L2TP offloading."""
    if b[:4] == b"\xc8\x03\x00\x0c":
        b = b[12:]
    return len(b) >= 8 and b[0] == 1 and b[1] == 0 and b[4:6] == b"\0\0"


@signature("fastd")
def fastd(payloads, encrypted):
    """fastd: handshakes (plaintext TLV records naming the ec25519-fhmqvc protocol) and data packets
    (type 0: an 8-byte nonce counting up from the handshake, then the ciphertext and its tag)."""
    return any_payload(payloads, fastd_handshake) and \
        all(fastd_handshake(b) or (len(b) >= 24 and b[0] == 0) for _s, b in payloads)


def ikev2_header(b):
    """An IKEv2 message header (RFC 7296 3.1): a non-zero initiator SPI, version 2.0, exchange type
    IKE_SA_INIT 34, IKE_AUTH 35, CREATE_CHILD_SA 36 or INFORMATIONAL 37."""
    return len(b) >= 28 and b[:8] != b"\0" * 8 and b[17] == 0x20 and 34 <= b[18] <= 37


def esp_in_udp(b):
    """ESP in UDP (RFC 3948): a 4-byte SPI (1-255 are reserved, 0 is the non-ESP marker), then a
    sequence number counting from 1, then the ciphertext."""
    return len(b) >= 16 and struct.unpack("!I", b[:4])[0] > 255 and struct.unpack("!I", b[4:8])[0] >= 1


@signature("ipsec")
def ipsec(payloads, encrypted):
    """IKEv2 with UDP encapsulation: IKE messages on port 500, on 4500 behind the 4-byte non-ESP
    marker; ESP packets on 4500; NAT keepalives (one 0xff byte).  Every packet is one of them and
    the flow has an IKE message."""
    def ike(b):
        return ikev2_header(b) or (b[:4] == b"\0\0\0\0" and ikev2_header(b[4:]))
    return any_payload(payloads, ike) and all(ike(b) or esp_in_udp(b) or b == b"\xff" for _s, b in payloads)


@signature("minetest")
def minetest(payloads, encrypted):
    """Minetest's UDP transport (network/connection.h): every packet starts with the protocol id
    0x4f457403, then the sender's peer id, the channel (0-2) and a packet type (control 0, original
    1, split 2, reliable 3)."""
    return all(len(b) >= 8 and b[:4] == b"\x4f\x45\x74\x03" and b[6] <= 2 and b[7] <= 3 for _s, b in payloads)


# ---------------------------------------------------------------- TCP protocols (lab round: other-tcp)
# A check reads `payloads` ([(from_src, bytes)]: the flow's first payload packets, at most ~60 bytes
# each at snaplen 128; from_src = sent by the side that opened the connection).  A protocol with a
# STARTTLS step passes in an encrypted scenario with its plaintext greeting and the STARTTLS
# command (the TLS records come after them, often beyond the packets examined) or with TLS
# records from the start (implicit TLS).


def client_sent(payloads, test):
    return any(s and test(b) for s, b in payloads)


def server_sent(payloads, test):
    return any(not s and test(b) for s, b in payloads)


def greeting_then_starttls(payloads, greeting, command):
    """A plaintext greeting from the server, then the client's STARTTLS-style command."""
    return server_sent(payloads, greeting) and client_sent(payloads, lambda b: b.upper().startswith(command))


@signature("ssh")
def ssh(payloads, encrypted):
    """The identification string (RFC 4253 4.2) both sides send first: "SSH-2.0-..."."""
    return any_payload(payloads, starts_with_any((b"SSH-2.0-", b"SSH-1.99-")))


RE_GIT_REQUEST = re.compile(rb"^[0-9a-f]{4}git-(upload|receive)-pack /")


def client_stream(payloads):
    """The bytes the client sent, in order (a length prefix may travel in its own packet)."""
    return b"".join(b for s, b in payloads if s)


@signature("git")
def git(payloads, encrypted):
    """The git:// request (a pkt-line "XXXXgit-upload-pack /path\\0host=..."), then pkt-lines."""
    return RE_GIT_REQUEST.match(client_stream(payloads)) is not None


def smtp_greeting(b):
    return b.startswith((b"220 ", b"220-"))


@signature("smtp")
def smtp(payloads, encrypted):
    """"220" greeting and the client's EHLO/HELO; in TLS: records, or the greeting then STARTTLS."""
    if encrypted:
        return any_payload(payloads, tls_record) or greeting_then_starttls(payloads, smtp_greeting, b"STARTTLS")
    return server_sent(payloads, smtp_greeting) and client_sent(
        payloads, lambda b: b.upper().startswith((b"EHLO ", b"HELO ")))


@signature("imap")
def imap(payloads, encrypted):
    """Untagged "* OK" greeting; in TLS: records, or the greeting then "tag STARTTLS"."""
    greeting = starts_with_any((b"* OK", b"* PREAUTH"))
    if encrypted:
        return any_payload(payloads, tls_record) or (
            server_sent(payloads, greeting) and client_sent(payloads, lambda b: b" STARTTLS" in b.upper()))
    return server_sent(payloads, greeting)


@signature("pop3")
def pop3(payloads, encrypted):
    """"+OK" greeting; in TLS: records, or the greeting then STLS."""
    greeting = starts_with_any((b"+OK",))
    if encrypted:
        return any_payload(payloads, tls_record) or greeting_then_starttls(payloads, greeting, b"STLS")
    return server_sent(payloads, greeting) and client_sent(
        payloads, lambda b: b.upper().startswith((b"USER ", b"APOP ", b"CAPA", b"AUTH")))


RE_FTP_COMMAND = re.compile(rb"^(USER|FEAT|AUTH|OPTS|SYST|PASS) ?[^\r\n]*\r\n")


def ftp_greeting(b):
    return b.startswith((b"220 ", b"220-"))


@signature("ftp")
def ftp(payloads, encrypted):
    """FTP control: "220" greeting and a client command (USER, FEAT, AUTH TLS, ...) -- in FTPS too,
    where AUTH TLS is one of them; implicit FTPS: TLS records."""
    plain = server_sent(payloads, ftp_greeting) and client_sent(payloads, RE_FTP_COMMAND.match)
    return plain or (encrypted and any_payload(payloads, tls_record))


@signature("ftp-data")
def ftp_data(payloads, encrypted):
    """An FTP data connection: a one-way byte stream (a file or a listing), all payload from one
    side; FTPS data (PROT P): TLS records (a data connection the client gave up on before its
    handshake carries only the server's alert)."""
    if encrypted:
        return any_payload(payloads, tls_record)
    return len({s for s, _b in payloads}) == 1 and not any_payload(
        payloads, starts_with_any((b"220 ", b"USER ", b"SSH-", b"* OK", b"+OK")))


def mqtt_connect(b):
    """CONNECT (type 1, flags 0), remaining length (1-4 bytes), protocol name "MQTT" or "MQIsdp"."""
    if len(b) < 8 or b[0] != 0x10:
        return False
    i = 1
    while i < 5 and b[i] & 0x80:
        i += 1
    return b[i + 1:i + 3] in (b"\x00\x04", b"\x00\x06") and b[i + 3:i + 7] in (b"MQTT", b"MQIs")


@signature("mqtt")
def mqtt(payloads, encrypted):
    """The client's CONNECT packet; over TLS (8883): records."""
    if encrypted:
        return any_payload(payloads, tls_record)
    return client_sent(payloads, mqtt_connect)


RE_RESP_ARRAY = re.compile(rb"^\*\d+\r\n\$\d+\r\n")


@signature("redis")
def redis(payloads, encrypted):
    """RESP: the client's commands are arrays of bulk strings ("*3\\r\\n$3\\r\\nSET..."); TLS: records."""
    if encrypted:
        return any_payload(payloads, tls_record)
    return client_sent(payloads, RE_RESP_ARRAY.match)


PG_PROTOCOL_3 = 196608
PG_SSL_REQUEST = 80877103


def pg_startup(b):
    """A startup message (length, protocol 3.0) or an SSLRequest (length 8, code 80877103)."""
    if len(b) < 8:
        return False
    length, code = struct.unpack("!II", b[:8])
    return (code == PG_PROTOCOL_3 and 8 < length < 10000) or (code == PG_SSL_REQUEST and length == 8)


@signature("postgresql")
def postgresql(payloads, encrypted):
    """The client's startup message or SSLRequest; in TLS: the SSLRequest, then TLS records."""
    if encrypted:
        return client_sent(payloads, pg_startup) and any_payload(payloads, tls_record)
    return client_sent(payloads, pg_startup)


def mysql_handshake(b):
    """Initial handshake packet: 3-byte length, sequence 0, protocol version 10, a version string."""
    return len(b) >= 8 and b[3] == 0 and b[4] == 10 and 0x20 < b[5] < 0x7f and b"\x00" in b[5:60]


@signature("mysql")
def mysql(payloads, encrypted):
    """The server's handshake v10 (MySQL and MariaDB); in TLS: the handshake, then TLS records."""
    if encrypted:
        return server_sent(payloads, mysql_handshake) and any_payload(payloads, tls_record)
    return server_sent(payloads, mysql_handshake)


MEMCACHED_COMMANDS = (b"get ", b"gets ", b"set ", b"add ", b"replace ", b"append ", b"prepend ", b"cas ",
                      b"delete ", b"incr ", b"decr ", b"touch ", b"gat ", b"version", b"stats", b"flush_all",
                      b"mg ", b"ms ", b"md ", b"ma ", b"mn")


@signature("memcached")
def memcached(payloads, encrypted):
    """Text protocol commands from the client ("set k 0 0 5\\r\\n", "get k"), or the binary
    protocol's request magic 0x80 (opcode 0x00-0x3f)."""
    return client_sent(payloads, lambda b: b.startswith(MEMCACHED_COMMANDS) or (
        len(b) >= 24 and b[0] == 0x80 and b[1] <= 0x3f))


def ber_ldap_message(b):
    """LDAPMessage: SEQUENCE (0x30), a BER length, then messageID INTEGER (0x02)."""
    if len(b) < 5 or b[0] != 0x30:
        return False
    i = 2 if b[1] < 0x80 else 2 + (b[1] & 0x7f)
    return i < len(b) and b[i] == 0x02


@signature("ldap")
def ldap(payloads, encrypted):
    """BER LDAPMessages from the client (a StartTLS extended request is one); LDAPS: TLS records."""
    return client_sent(payloads, ber_ldap_message) or (encrypted and any_payload(payloads, tls_record))


def smb_message(b):
    """NetBIOS session message (type 0) carrying SMB1/SMB2/SMB3-transform, or a NetBIOS session
    request (type 0x81, port 139)."""
    return len(b) >= 8 and ((b[0] == 0 and b[4:8] in (b"\xffSMB", b"\xfeSMB", b"\xfdSMB")) or b[0] == 0x81)


@signature("smb")
def smb(payloads, encrypted):
    """SMB behind its NetBIOS session header (SMB3 encryption keeps the header and the transform
    header \\xfdSMB visible)."""
    return client_sent(payloads, smb_message)


@signature("vnc")
def vnc(payloads, encrypted):
    """RFB's ProtocolVersion message "RFB 003.00x\\n" from the server (RFC 6143 7.1.1)."""
    return server_sent(payloads, starts_with_any((b"RFB 003.",)))


def xmpp_stream(b):
    return b.startswith(b"<?xml") or b.startswith(b"<stream:stream")


@signature("xmpp")
def xmpp(payloads, encrypted):
    """The client's stream header; in TLS: records, or the header then <starttls/>."""
    if encrypted:
        return any_payload(payloads, tls_record) or (
            client_sent(payloads, xmpp_stream) and client_sent(payloads, lambda b: b"<starttls" in b))
    return client_sent(payloads, xmpp_stream)


RE_IRC_CLIENT = re.compile(rb"^(NICK|USER|CAP|PASS) \S")
RE_IRC_SERVER = re.compile(rb"^:\S+ (NOTICE|\d{3}|CAP) ")


@signature("irc")
def irc(payloads, encrypted):
    """Registration lines from the client (NICK/USER/CAP) and ":server" lines; TLS: records."""
    if encrypted:
        return any_payload(payloads, tls_record)
    return client_sent(payloads, RE_IRC_CLIENT.match) or server_sent(payloads, RE_IRC_SERVER.match)


@signature("telnet")
def telnet(payloads, encrypted):
    """Telnet option negotiation: IAC (0xff) followed by WILL/WONT/DO/DONT (RFC 854) or SB."""
    return any_payload(payloads, lambda b: len(b) >= 3 and b[0] == 0xff and b[1] in (0xfa, 0xfb, 0xfc, 0xfd, 0xfe))

# ---------------------------------------------------------------- TCP protocols (lab round: tcp-other2)
@signature("rsync")
def rsync(payloads, encrypted):
    """The rsync daemon protocol's greeting "@RSYNCD: <version>" (both sides send one)."""
    return any_payload(payloads, starts_with_any((b"@RSYNCD: ",)))


@signature("svn")
def svn(payloads, encrypted):
    """svn:// (svnserve): the server's greeting "( success ( 2 2 ( ) ( capabilities..." or the
    client's "( 2 ( capabilities..." response, S-expressions of the ra_svn protocol."""
    return server_sent(payloads, starts_with_any((b"( success ( ",))) or client_sent(
        payloads, starts_with_any((b"( 2 ( ",)))


BEANSTALK_COMMANDS = (b"put ", b"use ", b"reserve", b"watch ", b"ignore ", b"delete ", b"release ", b"bury ",
                      b"touch ", b"peek", b"kick", b"stats", b"list-tube")


@signature("beanstalk")
def beanstalk(payloads, encrypted):
    """beanstalkd's text protocol: the client's commands ("use jobs\r\n", "put 0 0 60 12\r\n",
    "reserve-with-timeout 5\r\n")."""
    return client_sent(payloads, starts_with_any(BEANSTALK_COMMANDS))


GEARMAN_ADMIN = (b"status", b"workers", b"version", b"maxqueue", b"shutdown", b"getpid")


@signature("gearman")
def gearman(payloads, encrypted):
    """Gearman's binary packets, magic "\\0REQ" from clients and workers and "\\0RES" from the job
    server; gearadmin's text commands ("status\\n", "workers\\n")."""
    return client_sent(payloads, lambda b: b.startswith(b"\0REQ") or b.startswith(GEARMAN_ADMIN)) or server_sent(
        payloads, starts_with_any((b"\0RES",)))


@signature("nats")
def nats(payloads, encrypted):
    """NATS: the server's "INFO {...}" line (sent in the clear before a TLS upgrade), the client's
    "CONNECT {...}"; TLS: the INFO line, then records."""
    if encrypted:
        return server_sent(payloads, starts_with_any((b"INFO {",))) and any_payload(payloads, tls_record)
    return server_sent(payloads, starts_with_any((b"INFO {",))) or client_sent(payloads, starts_with_any((b"CONNECT {",)))


def zmtp_signature(b):
    """ZMTP 3 greeting signature (RFC 23): 0xFF, 8 padding bytes, 0x7F."""
    return len(b) >= 10 and b[0] == 0xFF and b[9] == 0x7F


@signature("zeromq")
def zeromq(payloads, encrypted):
    """ZeroMQ (ZMTP 3): both peers open with the greeting signature; CurveZMQ encrypts only what
    follows the greeting."""
    return client_sent(payloads, zmtp_signature) and server_sent(payloads, zmtp_signature)


@signature("amqp")
def amqp(payloads, encrypted):
    """AMQP: the client's protocol header "AMQP" + 4 version bytes (0-9-1: 0 0 9 1); AMQPS: records."""
    if encrypted:
        return any_payload(payloads, tls_record)
    return client_sent(payloads, lambda b: len(b) == 8 and b.startswith(b"AMQP"))


@signature("stomp")
def stomp(payloads, encrypted):
    """STOMP frames: the client's CONNECT/STOMP frame, the server's CONNECTED; over TLS: records."""
    if encrypted:
        return any_payload(payloads, tls_record)
    return client_sent(payloads, starts_with_any((b"CONNECT\n", b"STOMP\n", b"CONNECT\r\n"))) or server_sent(
        payloads, starts_with_any((b"CONNECTED\n",)))


# ---------------------------------------------------------------- end of TCP protocols


# ---------------------------------------------------------------- P2P and TLS-like (lab round: other-p2p)
SYNCTHING_DISCOVERY_MAGIC = b"\x2e\xa7\xd9\x0b"  # lib/beacon: local discovery announcement v2


@signature("syncthing")
def syncthing(payloads, encrypted):
    """Syncthing: BEP runs inside TLS (TCP: records) or QUIC (UDP: a long-header packet opens the
    connection); local discovery broadcasts start with the announcement magic 0x2EA7D90B."""
    return any_payload(payloads, lambda b: tls_record(b) or quic_long_header(b) or
                       b.startswith(SYNCTHING_DISCOVERY_MAGIC))


@signature("tor")
def tor(payloads, encrypted):
    """Tor's link protocol (tor-spec 2): cells inside TLS between client and relay and between
    relays, so TLS records from the first packet on."""
    return any_payload(payloads, tls_record)


MANAGESIEVE_COMMANDS = (b"AUTHENTICATE ", b"STARTTLS", b"CAPABILITY", b"LISTSCRIPTS", b"PUTSCRIPT ", b"GETSCRIPT ",
                        b"SETACTIVE ", b"DELETESCRIPT ", b"CHECKSCRIPT ", b"HAVESPACE ", b"LOGOUT", b"NOOP")


@signature("managesieve")
def managesieve(payloads, encrypted):
    """ManageSieve (RFC 5804): the server's capability greeting ("IMPLEMENTATION" "...", "SIEVE"
    "..."); the client's commands (AUTHENTICATE "PLAIN", LISTSCRIPTS, PUTSCRIPT "name" {n+});
    with TLS: the greeting, then the client's STARTTLS."""
    greeting = starts_with_any((b'"IMPLEMENTATION" ', b'"SIEVE" '))
    if encrypted:
        return greeting_then_starttls(payloads, greeting, b"STARTTLS")
    return server_sent(payloads, greeting) and client_sent(payloads, lambda b: b.upper().startswith(MANAGESIEVE_COMMANDS))


@signature("gemini")
def gemini(payloads, encrypted):
    """Gemini: always TLS (the request line "gemini://host/path" and the response travel inside
    it), so TLS records from the client's first packet on."""
    return any_payload(payloads, tls_record)


# ---------------------------------------------------------------- end of P2P and TLS-like


# ---------------------------------------------------------------- P2P DHTs (lab round p2p-other)
def hyperdht_packet(b):
    """One datagram of a HyperDHT node's socket: a dht-rpc message (first byte version 3 with
    type 0 request / 1 response: 0x03, 0x13; then flags, tid, the receiver's address), a UDX
    packet (magic 0xFF, version 1, type, data offset, then stream id, window, seq, ack: the
    encrypted Noise stream between peers rides in its payload) or the one zero byte a node sends
    to open a NAT binding (a holepunch probe)."""
    return (len(b) >= 10 and b[0] in (0x03, 0x13)) or (len(b) >= 20 and b[0] == 0xFF and b[1] == 1) or b == b"\0"


@signature("hyperdht")
def hyperdht(payloads, encrypted):
    """HyperDHT / Hyperswarm: every datagram is a dht-rpc message, a UDX packet or a holepunch
    probe, and at least one is a dht-rpc message or UDX packet (not probes only)."""
    return bool(payloads) and all(hyperdht_packet(b) for _s, b in payloads) and \
        any_payload(payloads, lambda b: len(b) >= 10 and b != b"\0")


LIBP2P_MULTISTREAM = b"/multistream/1.0.0\n"


@signature("libp2p")
def libp2p(payloads, encrypted):
    """libp2p over TCP: both ends open with multistream-select, a varint length (0x13) and
    "/multistream/1.0.0\\n" (js-libp2p writes the length and the string as two segments), before
    they agree on the security protocol (/noise) in the clear; everything after (yamux, the DHT,
    ping, identify) runs inside Noise."""
    return any_payload(payloads, lambda b: b.startswith(LIBP2P_MULTISTREAM) or
                       (b[:1] == b"\x13" and b[1:20] == LIBP2P_MULTISTREAM))


# ---------------------------------------------------------------- DHTs that are not BitTorrent's (lab round: p2p-other)
def opendht_message(b):
    """An OpenDHT message: a msgpack map (fixmap) whose first key is one letter, the message
    class -- "a" (query arguments: {"a": {"id": <20-byte node id>, ...}, "q": "ping"|"find"|"get"|
    "put"|"listen"|"refresh"|"update", "t", "y": "q", "v": "RNG1"}), "r" (a reply), "e" (an error),
    "y" (value parts of a large value, {"y": "p", "t", "p": {...}}) -- then a transaction id key "t"
    or a node id ("id" with a 20-byte bin)."""
    return (len(b) >= 8 and 0x81 <= b[0] <= 0x8F and b[1] == 0xA1 and b[2:3] in (b"a", b"r", b"e", b"y", b"u")
            and (b"\xa1t" in b or b"\xa2id\xc4\x14" in b))


@signature("opendht")
def opendht(payloads, encrypted):
    """OpenDHT (dhtnode): every datagram an OpenDHT message; values are not encrypted by the DHT
    (signed puts carry the owner's public key in the clear)."""
    return bool(payloads) and all(opendht_message(b) for _s, b in payloads)


KADEMLIA_RPCS = (b"\xa4ping", b"\xa5store", b"\xa9find_node", b"\xaafind_value")


def kademlia_rpcudp(b):
    """A datagram of PyPI `kademlia` (rpcudp): one byte 0 (request) or 1 (response), a 20-byte
    message id, then msgpack: a request is [name, args] (fixarray of 2, the RPC's name: ping,
    store, find_node, find_value); a response is the RPC's result (a node id, true, a list of
    [id, ip, port] triples, or {"value": ...})."""
    if len(b) < 22 or b[0] > 1:
        return False
    if b[0] == 0:
        return b[21] == 0x92 and b[22:].startswith(KADEMLIA_RPCS)
    return b[21] in (0xC3, 0xC2, 0xC4, 0x81) or 0x90 <= b[21] <= 0x9F or b[21] == 0xDC


@signature("kademlia")
def kademlia(payloads, encrypted):
    """kademlia-py: every datagram an rpcudp request or response, at least one request."""
    return bool(payloads) and all(kademlia_rpcudp(b) for _s, b in payloads) and \
        any(b[0] == 0 for _s, b in payloads)


# ---------------------------------------------------------------- end of DHTs that are not BitTorrent's


# ---------------------------------------------------------------- p2p-other: overlays and P2P networks
def yggdrasil_meta(b):
    """Yggdrasil's link handshake (0.4, src/core/version.go): "meta", protocol version 0.4, then the
    node's 32-byte ed25519 public key, sent by both ends before the link's framed traffic."""
    return len(b) >= 6 and b.startswith(b"meta") and b[4] == 0 and b[5] == 4


@signature("yggdrasil")
def yggdrasil(payloads, encrypted):
    """Yggdrasil peering links: over tcp:// the plaintext "meta" handshake from both ends opens the
    link (the framed protocol traffic that follows carries keys in the clear, the sessions'
    packets end-to-end encrypted); over tls:// the same inside TLS, so TLS records from the first
    packet on."""
    return any_payload(payloads, lambda b: yggdrasil_meta(b) or tls_record(b))


def nebula_header(b):
    """A Nebula packet header (header/header.go): version 1 in the high nibble of the first byte,
    the message type in the low one (0 handshake, 1 message, 2 recv_error, 3 lighthouse, 4 test,
    5 close_tunnel), a subtype, the 4-byte remote index and the 8-byte message counter: 16 bytes."""
    return len(b) >= 16 and b[0] >> 4 == 1 and b[0] & 0x0F <= 5


@signature("nebula")
def nebula(payloads, encrypted):
    """Nebula underlay flows: Noise handshakes, lighthouse queries and replies, tunnel messages and
    tests (all behind the 16-byte header, the payload encrypted after the handshake), and the
    1-byte hole-punching packets punchy sends to a peer's address."""
    return all(nebula_header(b) or len(b) == 1 for _s, b in payloads)

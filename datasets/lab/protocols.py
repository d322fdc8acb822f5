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
# (add checks for the UDP-side protocols here)

# ---------------------------------------------------------------- end of UDP protocols


# ---------------------------------------------------------------- TCP protocols (lab round: other-tcp)
# (add checks for the TCP-side protocols here)

# ---------------------------------------------------------------- end of TCP protocols

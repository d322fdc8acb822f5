#!/usr/bin/env python3
"""Builds the seed corpora in fuzz/corpus/ from the committed captures (tests/data/ and a few
under datasets/). Seeds are derived, not new traffic: the first records of each capture (a
valid small file), the same cut at an odd byte (a truncated file), a pcapng conversion made
with editcap when it is installed, and single frames (prefixed with the decode target's
link-type selector byte) for the decode target.

Usage: python3 fuzz/make_seeds.py   (from the repository root or from fuzz/)
"""
import gzip
import os
import shutil
import struct
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")
CAPTURES = [
    "tests/data/http-curl.pcap",
    "tests/data/http-curl-nano.pcap",
    "tests/data/http-curl-s96.pcap",
    "tests/data/http-any.pcap",
    "tests/data/http-curl.pcapng",
    "datasets/bittorrent/bt_tr_plain_utp-p5.pcap.gz",
    "datasets/bittorrent/bt_mixed_plain_80-p3.pcap.gz",
    "datasets/bittorrent/bt_mixed_enc_lpd-p2.pcapng.gz",
    "datasets/http/http_python_upload_v6.pcap.gz",
    "datasets/websocket/wss_python_feed_v6.pcapng.gz",
    "datasets/websocket/ws_python_mix_nano.pcap.gz",
]
# Index into the decode target's LINKS table for each pcap link type.
SELECTOR = {0: 0, 1: 1, 12: 2, 14: 2, 101: 2, 108: 3, 113: 4, 228: 5, 229: 6, 276: 7}
RECORDS = 24
FRAMES_PER_CAPTURE = 12


def pcap_records(data):
    """Yields (start, end, frame) for each whole record of a little/big-endian pcap."""
    magic = data[:4]
    endian = "<" if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
    offset = 24
    while offset + 16 <= len(data):
        caplen = struct.unpack(endian + "I", data[offset + 8 : offset + 12])[0]
        end = offset + 16 + caplen
        if end > len(data):
            return
        yield offset, end, data[offset + 16 : end]
        offset = end


def main():
    for target in ("capture", "decode", "pipeline"):
        os.makedirs(os.path.join(CORPUS, target), exist_ok=True)
    for rel in CAPTURES:
        path = os.path.join(ROOT, rel)
        data = open(path, "rb").read()
        if rel.endswith(".gz"):
            data = gzip.decompress(data)
        name = os.path.basename(rel).removesuffix(".gz").replace(".", "_")
        seeds = {}
        if data[:4] == b"\x0a\x0d\x0d\x0a":
            seeds[name + "_head"] = data[:12000]
        else:
            endian = "<" if data[:4] in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
            linktype = struct.unpack(endian + "I", data[20:24])[0]
            records = list(pcap_records(data))
            end = records[min(RECORDS, len(records)) - 1][1]
            seeds[name + "_head"] = data[:end]
            seeds[name + "_cut"] = data[: end - 7]
            selector = SELECTOR.get(linktype)
            if selector is not None:
                step = max(1, len(records) // FRAMES_PER_CAPTURE)
                for i, (_, _, frame) in enumerate(records[::step][:FRAMES_PER_CAPTURE]):
                    out = os.path.join(CORPUS, "decode", f"{name}_{i}")
                    open(out, "wb").write(bytes([selector]) + frame)
            if shutil.which("editcap"):
                head = os.path.join(CORPUS, "capture", name + "_head")
                open(head, "wb").write(seeds[name + "_head"])
                ng = os.path.join(CORPUS, "capture", name + "_ng")
                subprocess.run(["editcap", "-F", "pcapng", head, ng], check=True)
                seeds[name + "_ng"] = open(ng, "rb").read()
        for seed, content in seeds.items():
            for target in ("capture", "pipeline"):
                open(os.path.join(CORPUS, target, seed), "wb").write(content)
    for target in ("capture", "decode", "pipeline"):
        print(target, len(os.listdir(os.path.join(CORPUS, target))), "seeds", file=sys.stderr)


if __name__ == "__main__":
    main()

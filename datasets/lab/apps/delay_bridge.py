#!/usr/bin/python3
"""User-space delay line between two interfaces (the lab has no netem).

  delay_bridge.py IFACE_A IFACE_B --delay-ms 20

Runs inside a namespace that owns IFACE_A and IFACE_B (no addresses on them).  Every Ethernet
frame received on one interface is sent out of the other --delay-ms later (one-way delay; an
RTT through the bridge grows by twice that).  Order is kept (constant delay, FIFO per
direction), nothing is created or changed: the frames are the hosts' own.  Frames the bridge
itself sent (PACKET_OUTGOING) are skipped.  Used by weblib.sh: web_delay_host.
"""
import argparse
import collections
import signal
import socket
import sys
import threading
import time

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4
SOL_PACKET = 263
PACKET_ADD_MEMBERSHIP = 1
PACKET_MR_PROMISC = 1


def open_raw(ifname):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 8 << 20)
    s.bind((ifname, 0))
    idx = socket.if_nametoindex(ifname)
    mreq = idx.to_bytes(4, sys.byteorder) + PACKET_MR_PROMISC.to_bytes(2, sys.byteorder) + bytes(2) + bytes(8)
    s.setsockopt(SOL_PACKET, PACKET_ADD_MEMBERSHIP, mreq)
    return s


class Line:
    def __init__(self, rx, tx, delay, name):
        self.rx, self.tx, self.delay, self.name = rx, tx, delay, name
        self.q = collections.deque()
        self.cv = threading.Condition()
        self.count = 0

    def reader(self):
        while True:
            data, addr = self.rx.recvfrom(65535)
            if addr[2] == PACKET_OUTGOING:
                continue
            with self.cv:
                self.q.append((time.monotonic() + self.delay, data))
                self.cv.notify()

    def writer(self):
        while True:
            with self.cv:
                while not self.q:
                    self.cv.wait()
                due, data = self.q.popleft()
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                self.tx.send(data)
                self.count += 1
            except OSError as e:  # e.g. a frame larger than the MTU: drop it as a switch would
                print("drop", self.name, len(data), e, file=sys.stderr, flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--delay-ms", type=float, required=True)
    a = ap.parse_args()
    sa, sb = open_raw(a.a), open_raw(a.b)
    d = a.delay_ms / 1000.0
    lines = [Line(sa, sb, d, a.a + ">" + a.b), Line(sb, sa, d, a.b + ">" + a.a)]
    for ln in lines:
        threading.Thread(target=ln.reader, daemon=True).start()
        threading.Thread(target=ln.writer, daemon=True).start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    print("delay bridge %s <-> %s, %.1f ms each way" % (a.a, a.b, a.delay_ms), file=sys.stderr, flush=True)
    stop.wait()
    print("forwarded", {ln.name: ln.count for ln in lines}, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()

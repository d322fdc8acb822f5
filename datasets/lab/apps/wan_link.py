#!/usr/bin/python3
"""User-space WAN link between two interfaces (the lab has no netem qdisc).

  wan_link.py LAN_IF WAN_IF [--delay-ms D] [--jitter-ms J] [--loss P] [--rate-mbit R]
              [--queue-ms Q] [--seed N] [--reorder] [--jitter-dist uniform|normal]
              [--up-delay-ms ..] [--down-rate-mbit ..] ...  [--stats FILE]

Runs inside a "router" namespace that owns LAN_IF (towards the client host) and WAN_IF
(towards the rest of the lab).  Neither interface has an address and the kernel does not
forward: every Ethernet frame received on one interface (ARP and neighbour discovery
included) is copied, unchanged, out of the other by this program through AF_PACKET raw
sockets, after passing, per direction ("up" = LAN_IF -> WAN_IF, "down" = WAN_IF -> LAN_IF):

  1. random loss      each frame is dropped with probability P (seeded RNG: repeatable);
  2. a bottleneck     rate R Mbit/s (serialisation: a frame of L bytes holds the link for
                      8L/R us; frames queue behind each other), queue bounded to Q ms of
                      traffic at R (at least 16 full frames): tail drop when full;
  3. propagation      one-way delay D ms plus jitter: uniform in [-J, +J] (netem's default)
                      or normal with standard deviation J, never below 0.  Without --reorder
                      a frame never leaves before the previous frame of its direction (its
                      due time is raised to the previous one's), so jitter never reorders.

RTT through the link = up delay + down delay (e.g. --delay-ms 40 -> 80 ms).  The plain
options set both directions; --up-X / --down-X override one direction.  Frames the program
itself sent (PACKET_OUTGOING) are skipped.  One reader and one writer thread per direction,
a due-time heap each (no busy waiting).  On SIGTERM/SIGINT it prints per-direction counters
(forwarded, lost, queue drops, send errors, mean queueing delay) to stderr and, with --stats,
writes them as JSON.  Started by lib/netns.sh: lab_wan_host.
"""
import argparse
import heapq
import json
import random
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
MTU_FRAME = 1514


def open_raw(ifname):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 8 << 20)
    s.bind((ifname, 0))
    idx = socket.if_nametoindex(ifname)
    mreq = idx.to_bytes(4, sys.byteorder) + PACKET_MR_PROMISC.to_bytes(2, sys.byteorder) + bytes(2) + bytes(8)
    s.setsockopt(SOL_PACKET, PACKET_ADD_MEMBERSHIP, mreq)
    return s


class Direction:
    def __init__(self, name, rx, tx, delay_ms, jitter_ms, loss, rate_mbit, queue_ms, reorder, dist, seed):
        self.name, self.rx, self.tx = name, rx, tx
        self.delay = delay_ms / 1000.0
        self.jitter = jitter_ms / 1000.0
        self.loss = loss
        self.rate = rate_mbit * 1e6 if rate_mbit else 0.0        # bit/s, 0 = unlimited
        self.qbytes = max(int(self.rate / 8 * queue_ms / 1000.0), 16 * MTU_FRAME) if self.rate else 0
        self.reorder, self.dist = reorder, dist
        self.rng = random.Random("%s/%s" % (seed, name))
        self.heap = []
        self.seq = 0
        self.cv = threading.Condition()
        self.busy_until = 0.0     # when the bottleneck finishes serialising the last queued frame
        self.last_due = 0.0       # due time of the previous frame (no-reorder floor)
        self.c = dict(received=0, forwarded=0, lost=0, queue_drops=0, send_errors=0, bytes=0)
        self.qdelay_sum = 0.0

    def sample_delay(self):
        if not self.jitter:
            return self.delay
        if self.dist == "normal":
            d = self.rng.gauss(self.delay, self.jitter)
        else:
            d = self.delay + self.rng.uniform(-self.jitter, self.jitter)
        return d if d > 0 else 0.0

    def reader(self):
        rx, rng = self.rx, self.rng
        while True:
            data, addr = rx.recvfrom(65535)
            if addr[2] == PACKET_OUTGOING:
                continue
            now = time.monotonic()
            self.c["received"] += 1
            if self.loss and rng.random() < self.loss:
                self.c["lost"] += 1
                continue
            leave = now
            if self.rate:
                backlog = (self.busy_until - now) * self.rate / 8 if self.busy_until > now else 0.0
                if backlog + len(data) > self.qbytes:
                    self.c["queue_drops"] += 1
                    continue
                self.busy_until = max(now, self.busy_until) + len(data) * 8 / self.rate
                leave = self.busy_until
                self.qdelay_sum += leave - now
            due = leave + self.sample_delay()
            if not self.reorder:
                if due < self.last_due:
                    due = self.last_due
                self.last_due = due
            with self.cv:
                self.seq += 1
                heapq.heappush(self.heap, (due, self.seq, data))
                if self.heap[0][1] == self.seq:      # new head: the writer must re-plan
                    self.cv.notify()

    def writer(self):
        heap, cv, tx = self.heap, self.cv, self.tx
        while True:
            with cv:
                while True:
                    if not heap:
                        cv.wait()
                        continue
                    wait = heap[0][0] - time.monotonic()
                    if wait <= 0:
                        break
                    cv.wait(wait)
                _, _, data = heapq.heappop(heap)
            try:
                tx.send(data)
                self.c["forwarded"] += 1
                self.c["bytes"] += len(data)
            except OSError as e:  # e.g. a frame larger than the MTU: drop it as a switch would
                self.c["send_errors"] += 1
                print("send error", self.name, len(data), e, file=sys.stderr, flush=True)

    def stats(self):
        s = dict(self.c)
        s["loss_share"] = round(s["lost"] / s["received"], 5) if s["received"] else 0.0
        s["mean_queue_ms"] = round(1000 * self.qdelay_sum / max(1, s["received"] - s["lost"] - s["queue_drops"]), 3)
        return s


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("lan_if")
    ap.add_argument("wan_if")
    ap.add_argument("--delay-ms", type=float, default=0.0, help="one-way delay, both directions")
    ap.add_argument("--jitter-ms", type=float, default=0.0)
    ap.add_argument("--loss", type=float, default=0.0, help="share of frames dropped at random (0..1)")
    ap.add_argument("--rate-mbit", type=float, default=0.0, help="bottleneck rate (0 = unlimited)")
    ap.add_argument("--queue-ms", type=float, default=100.0, help="bottleneck queue, in ms of traffic at the rate")
    for d in ("up", "down"):
        for o in ("delay-ms", "jitter-ms", "loss", "rate-mbit", "queue-ms"):
            ap.add_argument("--%s-%s" % (d, o), type=float, default=None)
    ap.add_argument("--jitter-dist", choices=("uniform", "normal"), default="uniform")
    ap.add_argument("--reorder", action="store_true", help="let jitter reorder frames")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--stats", help="write per-direction counters as JSON here at exit")
    a = ap.parse_args()

    def opt(d, o):
        v = getattr(a, "%s_%s" % (d, o.replace("-", "_")))
        return getattr(a, o.replace("-", "_")) if v is None else v

    for d in ("up", "down"):
        if not 0 <= opt(d, "loss") < 1 or opt(d, "delay-ms") < 0 or opt(d, "jitter-ms") < 0 or opt(d, "rate-mbit") < 0:
            ap.error("bad %s parameters" % d)
    s_lan, s_wan = open_raw(a.lan_if), open_raw(a.wan_if)
    dirs = []
    for d, rx, tx in (("up", s_lan, s_wan), ("down", s_wan, s_lan)):
        dirs.append(Direction(d, rx, tx, opt(d, "delay-ms"), opt(d, "jitter-ms"), opt(d, "loss"),
                              opt(d, "rate-mbit"), opt(d, "queue-ms"), a.reorder, a.jitter_dist, a.seed))
    for dr in dirs:
        threading.Thread(target=dr.reader, daemon=True).start()
        threading.Thread(target=dr.writer, daemon=True).start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    desc = "; ".join("%s: delay %.1f ms, jitter %.1f ms (%s), loss %.3f, rate %s, queue %s" % (
        dr.name, dr.delay * 1000, dr.jitter * 1000, dr.dist, dr.loss,
        ("%.1f Mbit/s" % (dr.rate / 1e6)) if dr.rate else "unlimited",
        ("%d B" % dr.qbytes) if dr.rate else "-") for dr in dirs)
    print("wan link %s <-> %s ready; %s%s" % (a.lan_if, a.wan_if, desc, "; reorder allowed" if a.reorder else ""),
          file=sys.stderr, flush=True)
    stop.wait()
    st = {dr.name: dr.stats() for dr in dirs}
    print("wan link stats " + json.dumps(st, sort_keys=True), file=sys.stderr, flush=True)
    if a.stats:
        with open(a.stats, "w") as fh:
            json.dump(st, fh, sort_keys=True)


if __name__ == "__main__":
    main()

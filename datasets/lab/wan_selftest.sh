#!/usr/bin/env bash
# datasets/lab/wan_selftest.sh -- checks the lab's WAN link (apps/wan_link.py via lib/netns.sh:
# lab_wan_host) against its configuration, in well under a minute.  Run as root:
#
#   bash datasets/lab/wan_selftest.sh [--keep DIR]
#
# Topology: switch sw; server srv 10.79.0.1 (plain veth); client cli1 behind a WAN link
# (RTT 80 ms, 10 Mbit/s both ways, no jitter, no loss); client cli2 behind a WAN link (RTT 40 ms,
# jitter +-10 ms each way, 2 % loss each way, 20 Mbit/s).  Checks:
#   1. handshake RTT: tcpdump on cli1's eth0 (as the host's own capture), SYN -> SYN/ACK of five
#      idle curl connections to python3 -m http.server; median within 3 ms of 80 ms;
#   2. throughput: a 6 MB curl download on cli1; the server->client frame rate seen in the
#      capture (bytes on the wire from 25 % of the transfer to its end) within 10 % of 10 Mbit/s,
#      curl's own average reported beside it;
#   3. loss: 3000 numbered UDP datagrams cli2 -> srv; the lost share within 4 binomial standard
#      deviations of 2 % (ARP is primed first by ping);
#   4. no reordering with jitter on: the datagrams arrive in sequence order;
#   5. UDP echo from cli2 (60 probes, 80 ms apart, after one ARP-priming probe): mean RTT within 6 ms
#      of 40 ms (jitter adds spread, not bias).
# Prints the measured figures; exits non-zero with a message naming the failed check.
set -uo pipefail
LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
KEEP=""
[ "${1:-}" = --keep ] && KEEP=${2:?--keep DIR}
[ "$(id -u)" = 0 ] || { echo "wan_selftest: run as root" >&2; exit 1; }
for t in tcpdump curl ethtool; do
  command -v "$t" >/dev/null || { echo "wan_selftest: $t missing (run datasets/lab/install.sh)" >&2; exit 1; }
done
source "$LAB_DIR/lib/netns.sh"
lab_init wan_selftest
T=$(mktemp -d /tmp/wan-selftest.XXXXXX)
trap 'lab_cleanup; [ -n "$KEEP" ] && { mkdir -p "$KEEP"; cp -r "$T"/. "$KEEP"/; }; rm -rf "$T"' EXIT
PY=/usr/bin/python3
RTT1=80; RATE1=10; RTT2=40; JIT2=10; LOSS2=0.02; RATE2=20; N=3000
SRV=10.79.0.1
t0=$SECONDS

lab_switch_create sw || exit 1
lab_host_add sw srv $SRV/16 || exit 1
lab_wan_host sw cli1 10.79.0.11/16 - --rtt-ms $RTT1 --rate-mbit $RATE1 --log "$T/wan-cli1.log" --stats "$T/wan-cli1.json" || exit 1
lab_wan_host sw cli2 10.79.0.12/16 - --rtt-ms $RTT2 --jitter-ms $JIT2 --loss $LOSS2 --rate-mbit $RATE2 --seed 7 \
  --log "$T/wan-cli2.log" --stats "$T/wan-cli2.json" || exit 1

mkdir -p "$T/www"; head -c 6000000 /dev/urandom > "$T/www/big.bin"; echo hello > "$T/www/index.html"
lab_bg srv "$T/http.log" $PY -m http.server 8080 --bind $SRV --directory "$T/www" >/dev/null
cat > "$T/udp_rx.py" <<'PY'
import json, socket, sys, threading, time
def echo():
    e = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    e.bind((sys.argv[1], 9998))
    while True:
        d, a = e.recvfrom(2048)
        e.sendto(d, a)
threading.Thread(target=echo, daemon=True).start()
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
s.bind((sys.argv[1], 9999))
seqs = []
s.settimeout(60.0); d = s.recv(2048); s.settimeout(3.0)
if not d.startswith(b"END"):
    seqs.append(int(d[:8]))
try:
    while True:
        d = s.recv(2048)
        if d.startswith(b"END"):
            break
        seqs.append(int(d[:8]))
except socket.timeout:
    pass
json.dump({"received": len(seqs), "reordered": sum(1 for a, b in zip(seqs, seqs[1:]) if b < a),
           "max": max(seqs) if seqs else -1}, open(sys.argv[2], "w"))
PY
lab_bg srv "$T/udp_rx.log" $PY "$T/udp_rx.py" $SRV "$T/udp_rx.json" >/dev/null
for i in $(seq 1 50); do lab_exec srv ss -Htln 'sport = :8080' | grep -q . && break; sleep 0.1; done

# 1 + 2: handshakes and a download on cli1, captured on cli1's eth0
cap=$(lab_capture_start cli1 "$T/cli1.pcap") || exit 1
for i in 1 2 3 4 5; do lab_exec cli1 curl -s -o /dev/null "http://$SRV:8080/index.html"; sleep 0.3; done
curl_bps=$(lab_exec cli1 curl -s -o /dev/null -w '%{speed_download}' "http://$SRV:8080/big.bin")
lab_capture_stop "$cap" 2>/dev/null || exit 1

# 5 (also primes ARP for 3): UDP echo probes from cli2
lab_exec cli2 $PY - $SRV > "$T/ping.txt" 2>&1 <<'PY'
import socket, statistics, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(1.0)
r = []
for i in range(61):
    t = time.monotonic(); s.sendto(b"%d" % i, (sys.argv[1], 9998))
    try:
        while int(s.recv(64)) != i:
            pass
        r.append((time.monotonic() - t) * 1000)
    except socket.timeout:
        pass
    if i == 0:
        r = []   # the first probe waits for ARP across the link: not counted
    time.sleep(max(0, 0.08 - (time.monotonic() - t)))
print("rtt min/avg/max/mdev = %.3f/%.3f/%.3f/%.3f ms, %d of 60 answered" % (
    min(r), statistics.mean(r), max(r), statistics.pstdev(r), len(r)))
PY
# 3 + 4: numbered datagrams, 0.5 ms apart
lab_exec cli2 $PY - $SRV $N <<'PY'
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
dst = (sys.argv[1], 9999); n = int(sys.argv[2])
t = time.monotonic()
for i in range(n):
    s.sendto(b"%08d" % i + b"x" * 192, dst)
    t += 0.0005
    d = t - time.monotonic()
    if d > 0:
        time.sleep(d)
time.sleep(0.5)
for _ in range(20):
    s.sendto(b"END", dst); time.sleep(0.01)
PY
for i in $(seq 1 60); do [ -s "$T/udp_rx.json" ] && break; sleep 0.1; done

$PY - "$T" "$RTT1" "$RATE1" "$RTT2" "$LOSS2" "$N" "$curl_bps" <<'PY'
import json, statistics, struct, sys, math, re
T, rtt1, rate1, rtt2, loss2, n, curl_bps = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6]), float(sys.argv[7] or 0)
def packets(path):
    d = open(path, "rb").read()
    magic = struct.unpack("<I", d[:4])[0]
    div = 1e9 if magic == 0xA1B23C4D else 1e6
    o = 24
    while o + 16 <= len(d):
        ts, tf, incl, orig = struct.unpack("<IIII", d[o:o + 16]); o += 16
        f = d[o:o + incl]; o += incl
        if len(f) < 54 or f[12:14] != b"\x08\x00" or f[23] != 6:
            continue
        ihl = (f[14] & 15) * 4
        src, dst = f[26:30], f[30:34]
        sp, dp = struct.unpack(">HH", f[14 + ihl:18 + ihl])
        flags = f[14 + ihl + 13]
        yield ts + tf / div, src, sp, dst, dp, flags, orig
syn, rtts, data = {}, [], {}
for t, s, sp, d, dp, fl, ln in packets(T + "/cli1.pcap"):
    if fl & 0x12 == 0x02:
        syn[(s, sp)] = t
    elif fl & 0x12 == 0x12 and (d, dp) in syn:
        rtts.append((t - syn.pop((d, dp))) * 1000)
    if sp == 8080:
        data.setdefault(dp, []).append((t, ln))
fails = []
med = statistics.median(rtts) if rtts else float("nan")
print("handshake RTT cli1: configured %.0f ms, measured %s (median %.2f ms, %d handshakes)" % (
    rtt1, " ".join("%.2f" % r for r in rtts), med, len(rtts)))
if not (len(rtts) >= 5 and abs(med - rtt1) <= 3):
    fails.append("handshake RTT %.2f ms is not within 3 ms of %.0f ms" % (med, rtt1))
big = max(data.values(), key=lambda v: sum(x[1] for x in v))
tot = sum(x[1] for x in big); acc = 0
for i, (t, ln) in enumerate(big):
    acc += ln
    if acc >= tot * 0.25:
        break
win = big[i + 1:]
mbit = sum(x[1] for x in win) * 8 / (win[-1][0] - big[i][0]) / 1e6
print("throughput cli1: configured %.1f Mbit/s, measured on the wire %.2f Mbit/s (frames, 25%%..100%% of %.1f MB); "
      "curl average goodput %.2f Mbit/s" % (rate1, mbit, tot / 1e6, curl_bps * 8 / 1e6))
if abs(mbit - rate1) > 0.10 * rate1:
    fails.append("throughput %.2f Mbit/s is not within 10%% of %.1f" % (mbit, rate1))
u = json.load(open(T + "/udp_rx.json"))
lost = n - u["received"]
sd = math.sqrt(n * loss2 * (1 - loss2))
print("loss cli2->srv: configured %.3f, measured %.4f (%d of %d datagrams lost; tolerance +-%d = 4 sd)" % (
    loss2, lost / n, lost, n, round(4 * sd)))
if abs(lost - n * loss2) > 4 * sd:
    fails.append("loss share %.4f is not within 4 sd of %.3f" % (lost / n, loss2))
print("reordering cli2->srv (jitter on): %d datagrams arrived after a later-numbered one" % u["reordered"])
if u["reordered"]:
    fails.append("%d datagrams reordered with jitter on" % u["reordered"])
p = open(T + "/ping.txt").read()
m = re.search(r"= ([\d.]+)/([\d.]+)/([\d.]+)/([\d.]+) ms", p)
if m:
    print("UDP echo cli2: configured RTT %.0f ms, jitter +-10 ms each way; measured min/avg/max/sd %s/%s/%s/%s ms" % ((rtt2,) + m.groups()))
    if abs(float(m.group(2)) - rtt2) > 6:
        fails.append("echo mean RTT %s ms is not within 6 ms of %.0f" % (m.group(2), rtt2))
else:
    fails.append("UDP echo failed: " + p.strip().replace("\n", " | "))
for f in fails:
    print("FAIL: " + f)
sys.exit(1 if fails else 0)
PY
rc=$?
# the wan_link.py counters (written when lab_cleanup stops them)
for h in cli1 cli2; do lab_stop "$(cat "$LAB_STATE/wanpid.$h")" 3; done
for h in cli1 cli2; do echo "wan_link $h: $(cat "$T/wan-$h.json" 2>/dev/null)"; done
if [ $rc = 0 ]; then echo "wan_selftest: PASS ($((SECONDS - t0)) s)"; else echo "wan_selftest: FAILED ($((SECONDS - t0)) s)"; fi
exit $rc

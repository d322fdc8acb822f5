#!/usr/bin/env bash
# Re-records the offload captures in this folder (run as root; needs tcpdump, ethtool, python3,
# curl and socat). Three network namespaces in a line, joined by veth pairs: a client
# (10.96.1.2), a router forwarding between its two veths, and a server (10.96.2.2). The server's
# veth keeps the kernel's segmentation and receive offload on (TSO/GSO/GRO), as a host's card
# does; the router's and the client's veths have them off, so the router's stack cuts what it
# forwards into wire-sized segments. Python's http.server serves a page and two blobs, which curl
# fetches over four connections; the client also sends a file to a socat listener. Two tcpdumps
# record the same traffic at once:
#
#   host.pcap  on the server's veth: what a capture on the server sees (offloaded "packets")
#   wire.pcap  on the router's client-side veth: the segments on the wire
#
#   bash tests/data/offload/record.sh
set -euo pipefail
cd "$(dirname "$0")"
C=fcoff-c R=fcoff-r S=fcoff-s
RUN=$(mktemp -d)
PIDS=
trap 'for pid in $PIDS; do kill "$pid" 2>/dev/null || true; done; sleep 0.3;
      for ns in $C $R $S; do ip netns del $ns 2>/dev/null || true; done; rm -rf "$RUN"' EXIT

for ns in $C $R $S; do ip netns add $ns; ip -n $ns link set lo up; done
ip link add c0 netns $C type veth peer name r0 netns $R
ip link add r1 netns $R type veth peer name s0 netns $S
ip -n $C addr add 10.96.1.2/24 dev c0 && ip -n $R addr add 10.96.1.1/24 dev r0
ip -n $R addr add 10.96.2.1/24 dev r1 && ip -n $S addr add 10.96.2.2/24 dev s0
for dev in "$C c0" "$R r0" "$R r1" "$S s0"; do set -- $dev; ip -n "$1" link set "$2" up; done
ip -n $C route add default via 10.96.1.1 && ip -n $S route add default via 10.96.2.1
ip netns exec $R sysctl -qw net.ipv4.ip_forward=1
for dev in "$C c0" "$R r0" "$R r1"; do
  set -- $dev; ip netns exec "$1" ethtool -K "$2" tso off gso off gro off >/dev/null
done
ip netns exec $S ethtool -K s0 tso on gso on gro on >/dev/null

mkdir -p "$RUN/www"
head -c 300000 /dev/urandom > "$RUN/www/blob.bin"
head -c 2000000 /dev/urandom > "$RUN/www/big.bin"
head -c 400000 /dev/urandom > "$RUN/upload.bin"
printf '<html><body>hello</body></html>' > "$RUN/www/index.html"

ip netns exec $S python3 -m http.server 8000 --bind 10.96.2.2 --directory "$RUN/www" \
  >/dev/null 2>&1 & PIDS="$PIDS $!"
ip netns exec $S socat -u TCP-LISTEN:9000,reuseaddr,fork OPEN:/dev/null >/dev/null 2>&1 & PIDS="$PIDS $!"
ip netns exec $S tcpdump -i s0 -s 128 -U -w "$RUN/host.pcap" tcp 2>/dev/null & PIDS="$PIDS $!"
ip netns exec $R tcpdump -i r0 -s 128 -U -w "$RUN/wire.pcap" tcp 2>/dev/null & PIDS="$PIDS $!"
sleep 2

client() { ip netns exec $C "$@"; }
client curl -s -o /dev/null http://10.96.2.2:8000/index.html
client curl -s -o /dev/null http://10.96.2.2:8000/blob.bin
client curl -s -o /dev/null http://10.96.2.2:8000/big.bin
client curl -s -o /dev/null -o /dev/null http://10.96.2.2:8000/blob.bin http://10.96.2.2:8000/index.html
client socat -u OPEN:"$RUN/upload.bin" TCP:10.96.2.2:9000
sleep 2
# TERM, not INT: a background job of a script ignores SIGINT.
for pid in $PIDS; do kill "$pid" 2>/dev/null || true; done
wait 2>/dev/null || true
PIDS=
cp "$RUN/host.pcap" "$RUN/wire.pcap" .

#!/usr/bin/env bash
# Re-records the small real captures in this folder (run as root; needs tcpdump, dumpcap, editcap,
# curl, python3). Two network namespaces joined by a veth pair: a Python http.server on one side,
# curl on the other, over IPv4 and IPv6, plus a few UDP datagrams exchanged by Python sockets.
# The same traffic is captured at once by tcpdump (pcap, microseconds), tcpdump with nanosecond
# timestamps, dumpcap (pcapng) and tcpdump -i any (Linux cooked v2); editcap -s 96 makes the
# short-snaplen copy.
set -euo pipefail
cd "$(dirname "$0")"
A=fctest-a B=fctest-b
cleanup() {
  for pid in ${PIDS:-}; do kill "$pid" 2>/dev/null || true; done
  ip netns del $A 2>/dev/null || true
  ip netns del $B 2>/dev/null || true
}
trap cleanup EXIT
cleanup
ip netns add $A && ip netns add $B
ip link add fct0 netns $A type veth peer name fct1 netns $B
ip -n $A addr add 10.99.0.1/24 dev fct0 && ip -n $A addr add fd99::1/64 dev fct0 nodad
ip -n $B addr add 10.99.0.2/24 dev fct1 && ip -n $B addr add fd99::2/64 dev fct1 nodad
for ns in $A $B; do ip -n $ns link set lo up; done
ip -n $A link set fct0 up && ip -n $B link set fct1 up
for dev in "$A fct0" "$B fct1"; do set -- $dev; ip netns exec $1 ethtool -K $2 tso off gso off gro off >/dev/null 2>&1 || true; done
www=$(mktemp -d)
head -c 40000 /dev/urandom > "$www/blob.bin"
printf '<html><body>hello</body></html>' > "$www/index.html"
ip netns exec $B python3 -m http.server 8080 --bind :: --directory "$www" >/dev/null 2>&1 & PIDS="$!"
ip netns exec $B python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("10.99.0.2", 5353 + 1000))
for _ in range(3):
    data, peer = s.recvfrom(2048); s.sendto(data.upper() * 2, peer)
' & PIDS="$PIDS $!"
ip netns exec $A tcpdump -i fct0 -U -w http-curl.pcap >/dev/null 2>&1 & PIDS="$PIDS $!"
ip netns exec $A tcpdump -i fct0 -U --time-stamp-precision=nano -w http-curl-nano.pcap >/dev/null 2>&1 & PIDS="$PIDS $!"
ip netns exec $A tcpdump -i any -U -w http-any.pcap >/dev/null 2>&1 & PIDS="$PIDS $!"
ip netns exec $A dumpcap -q -i fct0 -w http-curl.pcapng >/dev/null 2>&1 & PIDS="$PIDS $!"
sleep 2
ip netns exec $A curl -s -o /dev/null http://10.99.0.2:8080/index.html
ip netns exec $A curl -s -o /dev/null http://10.99.0.2:8080/blob.bin
ip netns exec $A curl -s -o /dev/null "http://[fd99::2]:8080/blob.bin"
ip netns exec $A curl -s -o /dev/null "http://[fd99::2]:8080/index.html" "http://[fd99::2]:8080/index.html"
ip netns exec $A python3 -c '
import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(3):
    s.sendto(b"ping %d" % i, ("10.99.0.2", 6353)); s.recvfrom(2048); time.sleep(0.05)
'
sleep 2
for pid in $PIDS; do kill -INT "$pid" 2>/dev/null || true; kill -TERM "$pid" 2>/dev/null || true; done
wait 2>/dev/null || true
PIDS=
editcap -F pcap -s 96 http-curl.pcap http-curl-s96.pcap
ls -l http-*

#!/usr/bin/env bash
# other_iperf3.sh -- iperf3 measurement runs, UDP and TCP: short tests against two iperf3 servers.
# quick: yes
# software: iperf3 (server and client)
# Hosts (10.79.44.0/24, fd79:44::/64): srv1 .1 (iperf3 -s on PORT, also IPv6), srv2 .2 (iperf3 -s on
# PORT+1), cli1 .11 / cli2 .12: tests one after another: UDP at 0.1-0.7 Mbit/s with 160-1160 byte
# datagrams (VoIP-like to bulk), TCP limited to 0.3-1 Mbit/s, reverse (-R), two parallel streams
# (-P 2), 2-4 s each, then a pause (a server busy with another test refuses with one byte).  Every test: a TCP control connection (the test cookie, JSON
# parameters, results) and one data flow per stream.  Capture: the switch bridge (pcap); with --wan,
# cli1 is behind the WAN link and the capture is its eth0.
# Variant alt: the servers on 6881/6882 (BitTorrent's ports), IPv6 for cli2, capture -i any on srv1
# (Linux cooked v2).
# Usage: other_iperf3.sh --out DIR --seed N [--quick] [--variant alt] [--wan SPEC --name NAME]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_iperf3 "$@"
DUR=${WEB_DUR:-80}; [ "$QUICK" = 1 ] && DUR=20
N=44; PORT=5201; [ "$VARIANT" = alt ] && { N=45; PORT=6881; }; [ -n "$WAN" ] && N=$((N + 2))
NET=10.79.$N; NET6=fd79:$N; S1=$NET.1; S2=$NET.2

lab_switch_create sw
lab_host_add sw srv1 "$S1/24" "$NET6::1/64" 50
lab_host_add sw srv2 "$S2/24" - 50
other_host sw cli1 "$NET.11/24"
lab_host_add sw cli2 "$NET.12/24" "$NET6::12/64" 20
lab_bg srv1 "$WORK/logs/iperf1.log" iperf3 -s -p "$PORT" >/dev/null
lab_bg srv2 "$WORK/logs/iperf2.log" iperf3 -s -p $((PORT + 1)) >/dev/null
web_wait_listen srv1 "$PORT"; web_wait_listen srv2 $((PORT + 1))

if [ -n "$WAN" ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start cli1 "$CAP")
elif [ "$VARIANT" = alt ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start srv1 "$CAP" -i any)
else CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start sw "$CAP" -i br0); fi

tester() {  # HOST SALT TARGET PORT  (iperf3 servers run one test at a time: a busy one refuses)
  local host=$1 salt=$2 t=$3 p=$4 k=0 until=$((SECONDS + DUR)) v args
  while [ $SECONDS -lt $until ]; do
    k=$((k + 1)); v=$(web_rand "$salt.$k" 0 999)
    case $((v % 5)) in
      0|1) args=(-u -b "$((100 + v % 7 * 100))K" -l $((160 + v % 6 * 200))) ;;
      2) args=(-b "$((300 + v % 8 * 100))K") ;;
      3) args=(-R -b "$((300 + v % 5 * 100))K") ;;
      4) args=(-P 2 -b 300K) ;;
    esac
    lab_exec "$host" timeout 20 iperf3 -c "$t" -p "$p" -t "$((2 + v % 3))" "${args[@]}" >/dev/null 2>&1 || true
    sleep "$(web_rand "$salt.p$k" 1 4)"
  done
}
T2=$S1; [ "$VARIANT" = alt ] && T2=$NET6::1
tester cli1 a "$S1" "$PORT" & p1=$!
tester cli2 b "$S2" $((PORT + 1)) & p2=$!
sleep 1; tester cli2 c "$T2" "$PORT" & p3=$!
wait "$p1" "$p2" "$p3"
lab_capture_stop "$cap"
other_truth "$CAPDIR/$NAME.truth.csv" no iperf3 "server=iperf3 $(other_pkgver iperf3); client=iperf3 $(other_pkgver iperf3)" \
  "*,*,$PORT,other,iperf3" "*,*,$((PORT + 1)),other,iperf3"

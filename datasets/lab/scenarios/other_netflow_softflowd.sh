#!/usr/bin/env bash
# other_netflow_softflowd.sh -- NetFlow / IPFIX: flow probes (libpcap on their own interface)
# exporting flow records of their traffic to a collector (nfcapd from nfdump).
# quick: yes
# lab round: udp-other
# software: softflowd (NetFlow v9 exporter); variant pmacct: pmacct (pmacctd, nfprobe plugin, IPFIX); nfdump (nfcapd); traffic: curl, python http.server
# Hosts (10.79.108.0/24, fd79:108::/64): col .1 (nfcapd on PORT), web .2 (python http.server),
# p1..p4 .11-.14: each a probe whose user downloads steadily from web (a rate-limited bulk
# download, 0.5-2 MB/s, and small files) while the exporter runs with short timeouts (records every
# few seconds, templates); a probe restarts its exporter every 8-25 s (a new exporter socket, so
# each run is its own flow).  The exporters read their interface through libpcap, which here hands
# packets over a block at a time, so records leave in bursts as blocks fill.  Capture: col's eth0
# (pcap; the probes' own traffic never reaches it).
# Variant pmacct: pmacctd with the nfprobe plugin exporting IPFIX (version 10) to UDP 4739 over
# IPv6, capture pcapng (dumpcap) on col.
# Usage: other_netflow_softflowd.sh --out DIR --seed N [--quick] [--variant pmacct]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_netflow_softflowd "$@"
DUR=${WEB_DUR:-100}; [ "$QUICK" = 1 ] && DUR=30
N=108; PORT=2055; [ "$VARIANT" = pmacct ] && { N=109; PORT=4739; }
NET=10.79.$N; NET6=fd79:$N

lab_switch_create sw
lab_host_add sw col "$NET.1/24" "$NET6::1/64" 50
lab_host_add sw web "$NET.2/24" "$NET6::2/64" 150
for i in 1 2 3 4; do lab_host_add sw p$i "$NET.1$i/24" "$NET6::1$i/64" 30; done
other_tunnel_web web "$WORK/logs/www.log" "$NET.2" >/dev/null
head -c 40000000 /dev/urandom > "$WORK/www/bulk.bin"
mkdir -p "$WORK/flows"
fam=(); [ "$VARIANT" = pmacct ] && fam=(-6)
lab_bg col "$WORK/logs/nfcapd.log" nfcapd "${fam[@]}" -p "$PORT" -w "$WORK/flows" -t 60 -P "$WORK/nfcapd.pid" >/dev/null
other_wait_udp col "$PORT"

if [ "$VARIANT" = pmacct ]; then CAP=$CAPDIR/$NAME.pcapng; cap=$(lab_capture_start col "$CAP" --dumpcap)
else CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start col "$CAP"); fi

exporter() {  # PROBE K -> PID of the exporter
  local i=$1 k=$2
  if [ "$VARIANT" = pmacct ]; then
    cat > "$WORK/pmacct-p$i.conf" <<CONF
daemonize: false
pcap_interface: eth0
plugins: nfprobe
nfprobe_receiver: [$NET6::1]:$PORT
nfprobe_version: 10
nfprobe_timeouts: tcp=6:tcp.fin=2:tcp.rst=2:udp=5:icmp=5:general=5:maxlife=10:expint=2
aggregate: src_host, dst_host, src_port, dst_port, proto, tos
CONF
    lab_bg "p$i" "$WORK/logs/pmacctd-p$i.$k.log" pmacctd -f "$WORK/pmacct-p$i.conf"
  else
    lab_bg "p$i" "$WORK/logs/softflowd-p$i.$k.log" softflowd -d -i eth0 -n "$NET.1:$PORT" -v 9 \
      -c "$WORK/sf-p$i.ctl" -p "$WORK/sf-p$i.pid" -t general=5 -t udp=5 -t icmp=5 -t tcp=6 -t tcp.fin=2 \
      -t tcp.rst=2 -t maxlife=10 -t expint=2
  fi
}
probe() {  # PROBE K: one exporter run while the probe's user downloads
  local i=$1 k=$2 run pid bulk
  run=$(web_rand "run$i.$k" 8 25)
  pid=$(exporter "$i" "$k")
  lab_exec "p$i" timeout "$run" curl -s -o /dev/null --limit-rate "$(web_rand "rate$i.$k" 500 2000)k" \
    "http://$NET.2:8080/bulk.bin" & bulk=$!
  other_tunnel_use "p$i" "$NET.2" "$run" "p$i.$k"
  wait "$bulk" || true
  kill "$pid" 2>/dev/null || true
  sleep 1
}
other_repeat 4 "$DUR" 0 3 probe
lab_capture_stop "$cap"
if [ "$VARIANT" = pmacct ]; then
  other_truth "$CAPDIR/$NAME.truth.csv" no nfcapd \
    "server=nfcapd $(other_pkgver nfdump); client=pmacctd $(other_pkgver pmacct)" "udp,*,$PORT,other,netflow"
else
  other_truth "$CAPDIR/$NAME.truth.csv" no nfcapd \
    "server=nfcapd $(other_pkgver nfdump); client=softflowd $(other_pkgver softflowd)" "udp,*,$PORT,other,netflow"
fi

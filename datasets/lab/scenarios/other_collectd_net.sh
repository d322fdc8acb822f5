#!/usr/bin/env bash
# other_collectd_net.sh -- collectd's binary network protocol: hosts reporting their metrics (cpu,
# memory, load, interfaces, processes, ...) to a central collectd over UDP 25826.
# quick: yes
# lab round: udp-other
# software: collectd-core (collectd, network plugin) on every host
# Hosts (10.79.116.0/24, fd79:116::/64): col .1 (collectd, network plugin listening, csv writer),
# m1..m5 .11-.15: each runs collectd with a 1-3 s interval sending to col; a host's collectd runs for
# 10-40 s and then restarts (a reboot, a config reload: a new socket, its own flow).  Capture: col's
# eth0 (pcap); with --wan m1 is behind the WAN link and the capture is m1's eth0.
# Variant encrypt: SecurityLevel Encrypt (AES-256, per-user keys from an AuthFile) to col's UDP 25827
# over IPv6 for m3-m5; capture pcapng (dumpcap) on col.
# Usage: other_collectd_net.sh --out DIR --seed N [--quick] [--variant encrypt] [--wan SPEC --name NAME]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_collectd_net "$@"
DUR=${WEB_DUR:-120}; [ "$QUICK" = 1 ] && DUR=25
N=116; PORT=25826; SEC=None; ENC=no
[ "$VARIANT" = encrypt ] && { N=117; PORT=25827; SEC=Encrypt; ENC=yes; }; [ -n "$WAN" ] && N=$((N + 2))
NET=10.79.$N; NET6=fd79:$N

lab_switch_create sw
lab_host_add sw col "$NET.1/24" "$NET6::1/64" 50
other_host sw m1 "$NET.11/24" "$NET6::11/64"
for i in 2 3 4 5; do lab_host_add sw m$i "$NET.1$i/24" "$NET6::1$i/64" 20; done
for i in 1 2 3 4 5; do echo "m$i: secret-$SEED-$i"; done > "$WORK/collectd.auth"
mkdir -p "$WORK/csv"
other_collectd col "$WORK/logs/collectd-col.log" 10 >/dev/null <<CONF
LoadPlugin network
LoadPlugin csv
<Plugin network>
  <Listen "::" "$PORT">
    SecurityLevel $SEC
    AuthFile "$WORK/collectd.auth"
  </Listen>
</Plugin>
<Plugin csv>
  DataDir "$WORK/csv"
</Plugin>
CONF
other_wait_udp col "$PORT"

if [ -n "$WAN" ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start m1 "$CAP")
elif [ "$VARIANT" = encrypt ]; then CAP=$CAPDIR/$NAME.pcapng; cap=$(lab_capture_start col "$CAP" --dumpcap)
else CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start col "$CAP"); fi

reporter() {  # HOST K: one collectd run
  local i=$1 k=$2 dst=$NET.1 pid
  [ "$VARIANT" = encrypt ] && [ "$i" -ge 3 ] && dst=$NET6::1
  pid=$(other_collectd "m$i" "$WORK/logs/collectd-m$i.$k.log" "$(web_rand "iv$i.$k" 1 3)" <<CONF
LoadPlugin cpu
LoadPlugin memory
LoadPlugin load
LoadPlugin interface
LoadPlugin processes
LoadPlugin uptime
LoadPlugin df
LoadPlugin contextswitch
LoadPlugin network
<Plugin network>
  <Server "$dst" "$PORT">
    SecurityLevel $SEC
    Username "m$i"
    Password "secret-$SEED-$i"
  </Server>
</Plugin>
CONF
  )
  sleep "$(web_rand "run$i.$k" 10 40)"
  kill "$pid" 2>/dev/null || true
}
other_repeat 5 "$DUR" 0 4 reporter
lab_capture_stop "$cap"
other_truth "$CAPDIR/$NAME.truth.csv" "$ENC" collectd "server=collectd $(other_pkgver collectd-core); client=collectd $(other_pkgver collectd-core)" \
  "udp,*,$PORT,other,collectd"

#!/usr/bin/env bash
# other_statsd_collectd.sh -- StatsD: instrumented services (the Python `statsd` client) sending
# counters, timers, gauges and sets as they happen to a StatsD server (collectd's statsd plugin).
# quick: yes
# lab round: udp-other
# software: collectd-core (statsd plugin, server); python3-statsd (client) in apps/other_statsd_user.py
# Hosts (10.79.120.0/24, fd79:120::/64): agg .1 (collectd, statsd plugin on PORT, flushing every
# 10 s), a1..a5 .11-.15: each runs services of 5-30 s (a new client socket each: its own flow),
# one datagram per metric, 0-3 s apart.  Capture: agg's eth0 (pcap); with --wan a1 is behind the
# WAN link and the capture is a1's eth0.
# Variant batch: clients buffer metrics in pipelines (one datagram of 1-12 metrics per second),
# server on UDP 9125, a3-a5 over IPv6, capture -i any on agg (Linux cooked v2).
# Usage: other_statsd_collectd.sh --out DIR --seed N [--quick] [--variant batch] [--wan SPEC --name NAME]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_statsd_collectd "$@"
DUR=${WEB_DUR:-120}; [ "$QUICK" = 1 ] && DUR=25
N=120; PORT=8125; [ "$VARIANT" = batch ] && { N=121; PORT=9125; }; [ -n "$WAN" ] && N=$((N + 2))
NET=10.79.$N; NET6=fd79:$N

lab_switch_create sw
lab_host_add sw agg "$NET.1/24" "$NET6::1/64" 50
other_host sw a1 "$NET.11/24" "$NET6::11/64"
for i in 2 3 4 5; do lab_host_add sw a$i "$NET.1$i/24" "$NET6::1$i/64" 20; done
mkdir -p "$WORK/csv"
other_collectd agg "$WORK/logs/collectd-agg.log" 10 >/dev/null <<CONF
LoadPlugin statsd
LoadPlugin csv
<Plugin statsd>
  Host "::"
  Port "$PORT"
  DeleteSets true
  TimerPercentile 90
</Plugin>
<Plugin csv>
  DataDir "$WORK/csv"
</Plugin>
CONF
other_wait_udp agg "$PORT"

if [ -n "$WAN" ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start a1 "$CAP")
elif [ "$VARIANT" = batch ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start agg "$CAP" -i any)
else CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start agg "$CAP"); fi

service() {  # HOST K: one service run
  local i=$1 k=$2 dst=$NET.1 opts=()
  [ "$VARIANT" = batch ] && { opts=(--pipeline); [ "$i" -ge 3 ] && { dst=$NET6::1; opts+=(--ipv6); }; }
  lab_exec "a$i" "$WEB_PY" "$LAB_DIR/apps/other_statsd_user.py" "$dst" "$PORT" "$(web_rand "run$i.$k" 5 30)" \
    "$SEED/a$i.$k" "${opts[@]}" >>"$WORK/logs/statsd-a$i.log" 2>&1
}
other_repeat 5 "$DUR" 0 3 service
lab_capture_stop "$cap"
other_truth "$CAPDIR/$NAME.truth.csv" no collectd "server=collectd $(other_pkgver collectd-core); client=python3-statsd $(other_pkgver python3-statsd)" \
  "udp,*,$PORT,other,statsd"

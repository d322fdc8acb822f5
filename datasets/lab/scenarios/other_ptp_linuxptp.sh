#!/usr/bin/env bash
# other_ptp_linuxptp.sh -- PTP (IEEE 1588) over UDP: a grandmaster and slave clocks (linuxptp's
# ptp4l, software time stamping) exchanging Announce/Sync/Follow_Up and delay measurements on the
# PTP multicast groups (event port 319, general port 320).
# quick: yes
# lab round: udp-other
# software: linuxptp (ptp4l)
# Hosts (10.79.112.0/24, fd79:112::/64): gm .1 (priority1 100, wins the best-master election), s1..s5
# .11-.15 (slave-only).  Every clock is free-running (measures its offset, never steers the
# machine's clock, which the namespaces share).  Slaves join 0-20 s into the run, some leave early.
# Capture: gm's eth0 (pcap).  E2E delay requests; Sync 4/s, Announce 1/s, Delay_Req 1/s.
# Variant v6p2p: UDP over IPv6 (ff0e::181 / ff02::6b), peer-to-peer delay mechanism (Pdelay from
# every clock, master included), Sync 8/s, domain 24, capture -i any on gm (Linux cooked v2).
# Usage: other_ptp_linuxptp.sh --out DIR --seed N [--quick] [--variant v6p2p]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_ptp_linuxptp "$@"
DUR=${WEB_DUR:-90}; [ "$QUICK" = 1 ] && DUR=25
N=112; OPTS=(-4 -E); SYNC=-2; DOMAIN=0
[ "$VARIANT" = v6p2p ] && { N=113; OPTS=(-6 -P); SYNC=-3; DOMAIN=24; }
NET=10.79.$N; NET6=fd79:$N

lab_switch_create sw
lab_host_add sw gm "$NET.1/24" "$NET6::1/64" 50
for i in 1 2 3 4 5; do lab_host_add sw s$i "$NET.1$i/24" "$NET6::1$i/64" 20; done

P=$WORK/ptp; mkdir -p "$P"
ptp_conf() {  # HOST PRIORITY1 -> config path
  cat > "$P/$1.cfg" <<CONF
[global]
domainNumber $DOMAIN
priority1 $2
free_running 1
logSyncInterval $SYNC
logAnnounceInterval 0
logMinDelayReqInterval 0
logMinPdelayReqInterval 0
tx_timestamp_timeout 100
uds_address $P/$1.sock
CONF
  echo "$P/$1.cfg"
}
ptp_start() {  # HOST PRIORITY1 [-s]
  lab_bg "$1" "$WORK/logs/ptp4l-$1.log" ptp4l -f "$(ptp_conf "$1" "$2")" -i eth0 -S "${OPTS[@]}" -m -q "${@:3}"
}

if [ "$VARIANT" = v6p2p ]; then CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start gm "$CAP" -i any)
else CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start gm "$CAP"); fi
gmpid=$(ptp_start gm 100)

slave() {  # INDEX: joins after a while, stays to the end or leaves early
  local i=$1 pid join stay
  join=$(web_rand "join$i" 0 $((DUR / 4))); stay=$(web_rand "stay$i" $((DUR / 3)) "$DUR")
  sleep "$join"
  pid=$(ptp_start "s$i" 128 -s)
  sleep "$(( stay < DUR - join ? stay : DUR - join ))"
  kill "$pid" 2>/dev/null || true
}
pids=(); for i in 1 2 3 4 5; do slave "$i" & pids+=($!); done
wait "${pids[@]}"
kill "$gmpid" 2>/dev/null || true
sleep 1
lab_capture_stop "$cap"
grep -q "new foreign master\|UNCALIBRATED\|SLAVE" "$WORK"/logs/ptp4l-s*.log || { web_log "no slave heard the grandmaster"; exit 1; }
other_truth "$CAPDIR/$NAME.truth.csv" no linuxptp "server=ptp4l $(other_pkgver linuxptp); client=ptp4l $(other_pkgver linuxptp)" \
  "udp,*,319,other,ptp" "udp,*,320,other,ptp"

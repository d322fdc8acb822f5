#!/usr/bin/env bash
# other_netbios_nmbd.sh -- NetBIOS name and datagram services on a Windows-style LAN: Samba's nmbd on
# every host, nmblookup queries.
# quick: yes
# software: samba (nmbd: name registration, browser elections, host announcements), samba-common-bin
#   (nmblookup)
# Hosts (10.79.78.0/24): h1..h6 run nmbd in workgroup LABWG (different OS levels, h1 preferred master;
# they register their names by broadcast, elect a browse master and announce themselves over
# NBNS 137 and NBDGM 138), q1 .21 / q2 .22: users looking names up with nmblookup (broadcast name
# queries, node status -A, master browser -M, each a new source port).  Capture: the switch bridge
# (pcap, every flow once).
# Variant wins: h1 is a WINS server; the others register with it and nmblookup asks it by unicast
# (-U -R); capture -i any on h1 (Linux cooked v2).
# Usage: other_netbios_nmbd.sh --out DIR --seed N [--quick] [--variant wins]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_netbios_nmbd "$@"
DUR=${WEB_DUR:-80}; [ "$QUICK" = 1 ] && DUR=25
N=78; [ "$VARIANT" = wins ] && N=79
NET=10.79.$N; W=$NET.1

lab_switch_create sw
for i in 1 2 3 4 5 6; do lab_host_add sw h$i "$NET.$i/24" - 20; done
lab_host_add sw q1 "$NET.21/24" - 20
lab_host_add sw q2 "$NET.22/24" - 20

nmbd_start() {  # HOST OS-LEVEL EXTRA-LINES
  local h=$1 d=$WORK/nmbd-$1
  mkdir -p "$d/lock" "$d/state" "$d/cache" "$d/private"
  cat > "$d/smb.conf" <<CONF
[global]
  netbios name = LAB-$(echo "$h" | tr a-z A-Z)
  workgroup = LABWG
  server string = lab host $h
  interfaces = eth0
  bind interfaces only = yes
  lock directory = $d/lock
  state directory = $d/state
  cache directory = $d/cache
  private dir = $d/private
  pid directory = $d
  ncalrpc dir = $d/ncalrpc
  log file = $d/log.%m
  os level = $2
  local master = yes
  domain master = no
$3
CONF
  lab_bg "$h" "$WORK/logs/nmbd-$h.log" nmbd -F --no-process-group --debug-stdout -s "$d/smb.conf" >/dev/null
}
if [ "$VARIANT" = wins ]; then
  nmbd_start h1 40 "  wins support = yes
  preferred master = yes"
  for i in 2 3 4 5 6; do nmbd_start h$i $((10 + i)) "  wins server = $W"; done
  CAP=$CAPDIR/$NAME.pcap; other_wait_udp h1 137; cap=$(lab_capture_start h1 "$CAP" -i any)
else
  nmbd_start h1 40 "  preferred master = yes"
  for i in 2 3 4 5 6; do nmbd_start h$i $((10 + i)) ""; done
  other_wait_udp h1 137
  CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start sw "$CAP" -i br0)
fi
CONF_Q=$WORK/q.conf
printf '[global]\n  workgroup = LABWG\n  interfaces = eth0\n  lock directory = %s\n  state directory = %s\n  cache directory = %s\n  private dir = %s\n' \
  "$WORK" "$WORK" "$WORK" "$WORK" > "$CONF_Q"
user() {  # HOST SALT
  local h=$1 salt=$2 k=0 until=$((SECONDS + DUR - 3)) v n
  sleep 3
  while [ $SECONDS -lt $until ]; do
    k=$((k + 1)); v=$(web_rand "$salt.$k" 0 999); n=LAB-H$((v % 6 + 1))
    case $((v % 5)) in
      0|1) if [ "$VARIANT" = wins ]; then lab_exec "$h" timeout 8 nmblookup -s "$CONF_Q" -U "$W" -R "$n" >/dev/null 2>&1 || true
           else lab_exec "$h" timeout 8 nmblookup -s "$CONF_Q" "$n" >/dev/null 2>&1 || true; fi ;;
      2) lab_exec "$h" timeout 8 nmblookup -s "$CONF_Q" -A "$NET.$((v % 6 + 1))" >/dev/null 2>&1 || true ;;
      3) lab_exec "$h" timeout 8 nmblookup -s "$CONF_Q" -M LABWG >/dev/null 2>&1 || true ;;
      4) lab_exec "$h" timeout 8 nmblookup -s "$CONF_Q" -S "$n" >/dev/null 2>&1 || true ;;
    esac
    sleep "$(web_rand "$salt.p$k" 1 4)"
  done
}
user q1 a & p1=$!
user q2 b & p2=$!
wait "$p1" "$p2"
lab_capture_stop "$cap"
other_truth "$CAPDIR/$NAME.truth.csv" no samba \
  "server=samba-nmbd $(other_pkgver samba); client=samba-common-bin $(other_pkgver samba-common-bin)" \
  "udp,*,137,other,netbios" "udp,*,138,other,netbios"

#!/usr/bin/env bash
# other_ssdp_minidlna.sh -- SSDP (UPnP discovery): DLNA media servers announcing themselves and
# answering searches, control points searching and fetching device descriptions.
# quick: yes
# software: minidlna (minidlnad: SSDP NOTIFY alive/byebye, M-SEARCH answers, HTTP device
#   description), gupnp-tools (gssdp-discover), curl (description fetches)
# Hosts (10.79.82.0/24): m1 .1 (minidlnad, NOTIFY every 20 s), m2 .2 (minidlnad, NOTIFY every 30 s,
# started 10 s later), cp1 .11 / cp2 .12: control points: gssdp-discover searches (ssdp:all, or the
# root device / MediaServer / ContentDirectory targets) for 2-4 s from a new socket each time, then
# curl fetches a server's rootDesc.xml (HTTP over TCP: `http`).  Capture: the switch bridge (pcap).
# SSDP flows: every host's NOTIFY/M-SEARCH multicasts to 239.255.255.250:1900, each search's unicast
# answers.
# Variant many: four minidlnad servers, control points searching with rescans (-r) and
# targets only, pcapng capture (dumpcap) on cp1.
# Usage: other_ssdp_minidlna.sh --out DIR --seed N [--quick] [--variant many]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_other.sh"
other_scenario other_ssdp_minidlna "$@"
DUR=${WEB_DUR:-80}; [ "$QUICK" = 1 ] && DUR=25
N=82; M=2; [ "$VARIANT" = many ] && { N=83; M=4; }
NET=10.79.$N

lab_switch_create sw
for i in $(seq 1 "$M"); do lab_host_add sw m$i "$NET.$i/24" - 20; done
lab_host_add sw cp1 "$NET.11/24" - 20
lab_host_add sw cp2 "$NET.12/24" - 20

dlna_start() {  # INDEX NOTIFY-INTERVAL
  local i=$1 d=$WORK/dlna-m$1
  mkdir -p "$d/media/music" "$d/db" "$d/log"
  head -c 3000 /dev/urandom > "$d/media/music/track$i.mp3"
  printf 'media_dir=A,%s/media/music\nport=8200\nnetwork_interface=eth0\nfriendly_name=Lab Media %s\ndb_dir=%s/db\nlog_dir=%s/log\nnotify_interval=%s\ninotify=no\nserial=%s\nmodel_number=%s\n' \
    "$d" "$i" "$d" "$d" "$2" "$((12345 + i))" "$i" > "$d/minidlna.conf"
  lab_bg "m$i" "$WORK/logs/minidlna-m$i.log" minidlnad -f "$d/minidlna.conf" -P "$d/pid" -d -R >/dev/null
}
if [ "$VARIANT" = many ]; then CAP=$CAPDIR/$NAME.pcapng; cap=$(lab_capture_start cp1 "$CAP" --dumpcap)
else CAP=$CAPDIR/$NAME.pcap; cap=$(lab_capture_start sw "$CAP" -i br0); fi
dlna_start 1 20
for i in $(seq 2 "$M"); do sleep 3; dlna_start "$i" $((20 + 10 * (i % 2))); done
web_wait_listen m1 8200

TARGETS=(ssdp:all upnp:rootdevice urn:schemas-upnp-org:device:MediaServer:1 urn:schemas-upnp-org:service:ContentDirectory:1)
cp_user() {  # HOST SALT
  local h=$1 salt=$2 k=0 until=$((SECONDS + DUR - 3)) v t args
  while [ $SECONDS -lt $until ]; do
    k=$((k + 1)); v=$(web_rand "$salt.$k" 0 999)
    t=${TARGETS[$((v % 4))]}; [ "$VARIANT" = many ] && [ "$t" = ssdp:all ] && t=${TARGETS[1]}
    args=(-i eth0 -t "$t" -n "$((2 + v % 3))"); [ "$VARIANT" = many ] && args+=(-r 1)
    lab_exec "$h" timeout 10 gssdp-discover "${args[@]}" >/dev/null 2>&1 || true
    [ $((v % 2)) = 0 ] && lab_exec "$h" timeout 5 curl -s -o /dev/null "http://$NET.$((v % M + 1)):8200/rootDesc.xml" || true
    sleep "$(web_rand "$salt.p$k" 1 5)"
  done
}
cp_user cp1 a & p1=$!
cp_user cp2 b & p2=$!
wait "$p1" "$p2"
lab_capture_stop "$cap"
other_truth "$CAPDIR/$NAME.truth.csv" no minidlna \
  "server=minidlna $(other_pkgver minidlna); client=gupnp-tools $(other_pkgver gupnp-tools); client=curl $(other_pkgver curl)" \
  "tcp,*,8200,http" "udp,*,1900,other,ssdp"

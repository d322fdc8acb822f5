#!/usr/bin/env bash
# wss_chromium_nginx_dash.sh -- browser live dashboard over TLS WebSockets through nginx; page over HTTPS/2 on 443, sockets on 51413.
# quick: yes
# lab: quick
# software: nginx (TLS reverse proxy, HTTP/2 page) + python3-websockets backend; headless Chromium
# Server 10.78.48.1: nginx (TLS, lab self-signed cert) serving ws.html on 443 (ssl http2) and
# proxying /ws/ upgrades on 51413 (ssl, HTTP/1.1) to ws_server.py (Python websockets,
# permessage-deflate, protocol pings every 15 s) on loopback.  Client host: headless Chromium
# loads the page over HTTPS, then runs 2 dashboard sockets (sessions 8..60 s, updates every
# 200..2000 ms, chart snapshots, view changes, heartbeats) and, in the second run, one feed socket.
# Link 15 Mbit/s.  Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: wss_chromium_nginx_dash.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario wss_chromium_nginx_dash "$@"
RUNS=2; T=50; [ "$QUICK" = 1 ] && { RUNS=1; T=20; }
SRV=10.78.48.1; CLI=10.78.48.11; PAGEPORT=443; WSPORT=51413
mkdir -p "$OUT/websocket"
CAP="$OUT/websocket/$NAME.pcap"

lab_switch_create sw
lab_host_add sw srv $SRV/16 - 15
lab_host_add sw cli $CLI/16 - 15
web_log "$NAME: page port $PAGEPORT, ws port $WSPORT; $(web_versions)"
web_certs $SRV
web_site --seed "$SEED" --pages 2 --scale 0.1
web_ws_backend srv "$WORK/logs/ws.log" --ping-interval 15 >/dev/null
web_nginx_start srv 10 100 "$SRV:$PAGEPORT ssl http2" "$SRV:$WSPORT ssl" >/dev/null
web_wait_listen srv $WSPORT; web_wait_listen srv 9001
cap=$(lab_capture_start cli "$CAP")
for i in $(seq 1 $RUNS); do
  mode=dash; n=2; [ "$i" = 2 ] && { mode=dash,dash,feed; n=3; }
  web_chromium cli "$WORK/logs/chromium.log" $((T + 8)) \
    "https://$SRV:$PAGEPORT/ws.html?mode=$mode&t=$T&n=$n&smin=8&smax=60&think=3000&ws=wss://$SRV:$WSPORT/ws"
  sleep 1
done
lab_capture_stop "$cap"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$WSPORT,websocket" "tcp,$SRV,$PAGEPORT,http"

#!/usr/bin/env bash
# ws_chromium_lighttpd_dash.sh -- browser live dashboard: a stream of small WebSocket updates through lighttpd, plain ws://.
# quick: yes
# lab: quick
# software: lighttpd (mod_proxy WebSocket upgrade) + python3-websockets backend; headless Chromium (file:// page)
# Server 10.78.47.1: lighttpd on a random high port proxying /ws/ upgrades to ws_server.py
# (Python websockets, permessage-deflate, protocol pings every 20 s) on loopback.  Client host:
# headless Chromium opens ws.html from file:// in dashboard mode: 3 sockets, each a sequence of
# dashboard sessions (10..70 s) receiving a small JSON metric update every 200..2000 ms (jittered),
# a chart snapshot (1..15 kB) every 10..30 s and on view changes, sending a view change every
# 5..60 s and an application heartbeat every 20..30 s.  Link 5 Mbit/s.
# Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: ws_chromium_lighttpd_dash.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario ws_chromium_lighttpd_dash "$@"
RUNS=2; T=50; N=3; [ "$QUICK" = 1 ] && { RUNS=1; T=20; N=2; }
SRV=10.78.47.1; CLI=10.78.47.11; PORT=$(web_port dash)
mkdir -p "$OUT/websocket"
CAP="$OUT/websocket/$NAME.pcap"

lab_switch_create sw
lab_host_add sw srv $SRV/16 - 5
lab_host_add sw cli $CLI/16 - 5
web_log "$NAME: port $PORT; $(web_versions)"
mkdir -p "$WORK/site" "$WORK/page"; cp "$WEB_APPS/pages/ws.html" "$WORK/page/ws.html"
web_ws_backend srv "$WORK/logs/ws.log" --ping-interval 20 >/dev/null
web_lighttpd_start srv $SRV "$PORT" disable 10 100 >/dev/null
web_wait_listen srv "$PORT"; web_wait_listen srv 9001
cap=$(lab_capture_start cli "$CAP")
for i in $(seq 1 $RUNS); do
  web_chromium cli "$WORK/logs/chromium.log" $((T + 8)) \
    "file://$WORK/page/ws.html?mode=dash&t=$T&n=$N&smin=10&smax=70&think=3000&ws=ws://$SRV:$PORT/ws"
  sleep 1
done
lab_capture_stop "$cap"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" no "tcp,$SRV,$PORT,websocket"

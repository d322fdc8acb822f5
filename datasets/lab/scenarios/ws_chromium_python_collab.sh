#!/usr/bin/env bash
# ws_chromium_python_collab.sh -- headless Chromium collaborative editor + news feed, plain ws:// on port 80.
# quick: yes
# lab: quick
# software: python3-websockets server; headless Chromium (file:// page)
# Server: ws_server.py (Python websockets) directly on 10.78.7.1:80 (a port people expect HTTP on),
# /ws/collab and /ws/feed, protocol pings every 15 s.  Client host: headless Chromium opens the app
# page ws.html from the local disk (file://, so the only network traffic is WebSocket) with 5
# concurrent sockets, each picking collab (bursts of keystroke deltas, cursor updates, periodic
# snapshots and saves) or feed per session, sessions 4..70 s.  Link 30 Mbit/s.
# Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: ws_chromium_python_collab.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario ws_chromium_python_collab "$@"
RUNS=2; T=100; N=5; [ "$QUICK" = 1 ] && { RUNS=1; T=25; N=3; }
SRV=10.78.7.1; CLI=10.78.7.11; PORT=80
mkdir -p "$OUT/websocket"
CAP="$OUT/websocket/$NAME.pcap"

lab_switch_create sw
lab_host_add sw srv $SRV/16 - 30
lab_host_add sw cli $CLI/16 - 30
web_log "$NAME: port $PORT; $(web_versions)"
mkdir -p "$WORK/page"; cp "$WEB_APPS/pages/ws.html" "$WORK/page/ws.html"
lab_bg srv "$WORK/logs/server.log" "$WEB_PY" "$WEB_APPS/ws_server.py" --host $SRV --port $PORT \
  --seed "$SEED" --ping-interval 15 >/dev/null
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP")
for i in $(seq 1 $RUNS); do
  web_chromium cli "$WORK/logs/chromium.log" $((T + 8)) \
    "file://$WORK/page/ws.html?mode=collab,collab,feed&t=$T&n=$N&smin=4&smax=70&think=3000&ws=ws://$SRV:$PORT/ws"
  sleep 1
done
lab_capture_stop "$cap"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" no "tcp,$SRV,$PORT,websocket"

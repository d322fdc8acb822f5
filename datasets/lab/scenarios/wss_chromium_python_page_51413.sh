#!/usr/bin/env bash
# wss_chromium_python_page_51413.sh -- Chromium loads the app page over HTTPS from aiohttp and opens WSS sockets straight to the Python websockets server on 51413.
# quick: yes
# lab: quick
# software: python3-websockets server (TLS, no proxy) + aiohttp (TLS, static page); headless Chromium
# Server 10.78.67.1: ws_server.py (Python websockets, TLS with the lab self-signed cert,
# permessage-deflate, protocol pings every 30 s) directly on 51413 (a BitTorrent port), and
# http_api.py (aiohttp, TLS) serving the site and ws.html on a random high port.  Client host:
# headless Chromium (fresh profile per run) loads the page over HTTPS, then runs mode=mix on
# 4 sockets (game/chat/collab/feed sessions 2..35 s, game at 15 Hz); a second run with collab,
# dash and feed on 3 sockets.  Link 50 Mbit/s.
# Capture: tcpdump -s 128 on the client's eth0 (pcap).
# Usage: wss_chromium_python_page_51413.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario wss_chromium_python_page_51413 "$@"
T=50; [ "$QUICK" = 1 ] && T=15
[ -n "$WEB_DUR" ] && T=$(( (WEB_DUR - 16) / 2 ))
SRV=10.78.67.1; CLI=10.78.67.11; PAGEPORT=$(web_port page); WSPORT=51413

web_two_hosts websocket 50
web_log "$NAME: page port $PAGEPORT, ws port $WSPORT; $(web_versions)"
web_certs $SRV
web_site --seed "$SEED" --pages 2 --scale 0.1
lab_bg srv "$WORK/logs/ws.log" "$WEB_PY" "$WEB_APPS/ws_server.py" --host $SRV --port $WSPORT \
  --cert "$WORK/certs/server.crt" --key "$WORK/certs/server.key" --seed "$SEED" --ping-interval 30 >/dev/null
lab_bg srv "$WORK/logs/page.log" "$WEB_PY" "$WEB_APPS/http_api.py" --host $SRV --port "$PAGEPORT" \
  --cert "$WORK/certs/server.crt" --key "$WORK/certs/server.key" --static "$WORK/site" --seed "$SEED" >/dev/null
web_wait_listen srv $WSPORT; web_wait_listen srv "$PAGEPORT"
cap=$(lab_capture_start cli "$CAP")
web_chromium cli "$WORK/logs/chromium.log" $((T + 8)) \
  "https://$SRV:$PAGEPORT/ws.html?mode=mix&t=$T&n=4&smin=2&smax=35&think=2500&hz=15&ws=wss://$SRV:$WSPORT/ws"
sleep 1
web_chromium cli "$WORK/logs/chromium.log" $((T + 8)) \
  "https://$SRV:$PAGEPORT/ws.html?mode=collab,dash,feed&t=$T&n=3&smin=5&smax=45&think=3000&ws=wss://$SRV:$WSPORT/ws"
lab_capture_stop "$cap"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$WSPORT,websocket" "tcp,$SRV,$PAGEPORT,http"

#!/usr/bin/env bash
# wss_chromium_lighttpd_mix.sh -- browser WebSocket sessions of mixed apps over TLS through lighttpd on a random high port.
# quick: yes
# lab: quick
# software: lighttpd (mod_openssl, mod_proxy WebSocket upgrade) + python3-websockets backend; headless Chromium (file:// page, BoringSSL)
# Server 10.78.57.1: lighttpd (TLS, lab self-signed cert) on a random high port proxying /ws/
# upgrades to ws_server.py (Python websockets, permessage-deflate, protocol pings every 20 s) on
# loopback.  Client host: headless Chromium opens ws.html from file:// with mode=mix: 4 sockets,
# each a sequence of sessions (2..30 s, pauses up to 2 s) picking game (20 Hz), chat, collab or
# feed; a second run with mode=chat,feed,collab,dash and 3 sockets.  Link 6 Mbit/s.
# Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: wss_chromium_lighttpd_mix.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario wss_chromium_lighttpd_mix "$@"
T=50; [ "$QUICK" = 1 ] && T=15
[ -n "$WEB_DUR" ] && T=$(( (WEB_DUR - 16) / 2 ))
SRV=10.78.57.1; CLI=10.78.57.11; PORT=$(web_port wssmix)

web_two_hosts websocket 6
web_log "$NAME: port $PORT; $(web_versions)"
web_certs $SRV
mkdir -p "$WORK/site" "$WORK/page"; cp "$WEB_APPS/pages/ws.html" "$WORK/page/ws.html"
web_ws_backend srv "$WORK/logs/ws.log" --ping-interval 20 >/dev/null
web_lighttpd_start srv $SRV "$PORT" enable 10 100 >/dev/null
web_wait_listen srv "$PORT"; web_wait_listen srv 9001
cap=$(lab_capture_start cli "$CAP")
web_chromium cli "$WORK/logs/chromium.log" $((T + 8)) \
  "file://$WORK/page/ws.html?mode=mix&t=$T&n=4&smin=2&smax=30&think=2000&hz=20&ws=wss://$SRV:$PORT/ws"
sleep 1
web_chromium cli "$WORK/logs/chromium.log" $((T + 8)) \
  "file://$WORK/page/ws.html?mode=chat,feed,collab,dash&t=$T&n=3&smin=3&smax=40&think=3000&ws=wss://$SRV:$PORT/ws"
lab_capture_stop "$cap"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$PORT,websocket"

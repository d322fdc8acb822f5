#!/usr/bin/env bash
# wss_chromium_lighttpd_page_443.sh -- Chromium loads the app page over HTTPS from lighttpd on 443 and opens WSS sockets to lighttpd on a random high port.
# quick: yes
# lab: quick
# software: lighttpd (mod_openssl, mod_proxy WebSocket upgrade) + python3-websockets backend; headless Chromium
# Server 10.78.66.1: one lighttpd (TLS, lab self-signed cert, max-keep-alive-idle 8 s) with two
# sockets: 443 serves the site and ws.html, a random high port carries the /ws/ upgrades proxied
# to ws_server.py (Python websockets, permessage-deflate, protocol pings every 20 s) on loopback.
# Client host: headless Chromium (fresh profile per run) loads https://SRV/ws.html, then runs
# 4 sockets of chat, collab, feed and dash sessions (3..40 s); a second run with game (10 Hz),
# chat and feed on 3 sockets.  Link 25 Mbit/s.
# Capture: tcpdump -s 128 on the client's eth0 (pcap).
# Usage: wss_chromium_lighttpd_page_443.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario wss_chromium_lighttpd_page_443 "$@"
T=50; [ "$QUICK" = 1 ] && T=15
[ -n "$WEB_DUR" ] && T=$(( (WEB_DUR - 16) / 2 ))
SRV=10.78.66.1; CLI=10.78.66.11; PAGEPORT=443; WSPORT=$(web_port wss)

web_two_hosts websocket 25
web_log "$NAME: page port $PAGEPORT, ws port $WSPORT; $(web_versions)"
web_certs $SRV
web_site --seed "$SEED" --pages 2 --scale 0.1
web_ws_backend srv "$WORK/logs/ws.log" --ping-interval 20 >/dev/null
web_lighttpd_start srv $SRV $PAGEPORT enable 8 100 "$WSPORT" >/dev/null
web_wait_listen srv $PAGEPORT; web_wait_listen srv "$WSPORT"; web_wait_listen srv 9001
cap=$(lab_capture_start cli "$CAP")
web_chromium cli "$WORK/logs/chromium.log" $((T + 8)) \
  "https://$SRV:$PAGEPORT/ws.html?mode=chat,collab,feed,dash&t=$T&n=4&smin=3&smax=40&think=3000&ws=wss://$SRV:$WSPORT/ws"
sleep 1
web_chromium cli "$WORK/logs/chromium.log" $((T + 8)) \
  "https://$SRV:$PAGEPORT/ws.html?mode=game,chat,feed&t=$T&n=3&smin=4&smax=30&think=2000&hz=10&ws=wss://$SRV:$WSPORT/ws"
lab_capture_stop "$cap"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$WSPORT,websocket" "tcp,$SRV,$PAGEPORT,http"

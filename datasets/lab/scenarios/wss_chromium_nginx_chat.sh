#!/usr/bin/env bash
# wss_chromium_nginx_chat.sh -- headless Chromium running a chat web app over wss:// behind nginx.
# quick: yes
# lab: quick
# software: nginx (TLS reverse proxy) + python3-websockets backend; headless Chromium
# Server 10.78.6.1: nginx terminates TLS (lab self-signed cert) on 443 for the WebSocket endpoint
# /ws/ (proxied to ws_server.py, Python websockets, on loopback) and serves the page ws.html over
# HTTPS on a random high port (a separate origin, so the page load is an HTTP flow and every
# WebSocket session its own flow on 443).  Client host: headless Chromium (fresh profile per run)
# with the page's browser WebSocket API: 8 concurrent chat sockets, sessions 3..60 s with
# reconnects, sporadic messages, typing indicators, app-level heartbeats; plus 1 feed socket.
# Link 8 Mbit/s; the client sits behind the user-space WAN link (apps/wan_link.py, no jitter or loss; the committed capture was recorded with its constant-delay predecessor) adding 20 ms each way (RTT about 40 ms).  Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: wss_chromium_nginx_chat.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario wss_chromium_nginx_chat "$@"
RUNS=2; T=110; N=8; [ "$QUICK" = 1 ] && { RUNS=1; T=25; N=3; }
[ -n "$WEB_DUR" ] && { RUNS=1; T=$WEB_DUR; }
SRV=10.78.6.1; CLI=10.78.6.11; WSPORT=443; PAGEPORT=$(web_port page)
mkdir -p "$OUT/websocket"
CAP="$OUT/websocket/$NAME.pcap"

lab_switch_create sw
lab_host_add sw srv $SRV/16 - 8; web_csum_off srv
web_delay_host sw cli $CLI/16 - 8 20
web_log "$NAME: ws port $WSPORT, page port $PAGEPORT; $(web_versions)"
web_certs $SRV
web_site --seed "$SEED" --pages 2 --scale 0.1
web_ws_backend srv "$WORK/logs/ws.log" --ping-interval 30 >/dev/null
web_nginx_start srv 20 100 "$SRV:$WSPORT ssl" "$SRV:$PAGEPORT ssl" >/dev/null
web_wait_listen srv $WSPORT; web_wait_listen srv 9001
cap=$(lab_capture_start cli "$CAP")
for i in $(seq 1 $RUNS); do
  web_chromium cli "$WORK/logs/chromium.log" $((T + 8)) \
    "https://$SRV:$PAGEPORT/ws.html?mode=chat,chat,chat,feed&t=$T&n=$N&smin=3&smax=60&think=4000&ws=wss://$SRV:$WSPORT/ws"
  sleep 1
done
lab_capture_stop "$cap"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$WSPORT,websocket" "tcp,$SRV,$PAGEPORT,http"

#!/usr/bin/env bash
# wss_chromium_nginx_mix_any.sh -- headless Chromium feed/collab/chat app over wss:// on port 6881, -i any.
# quick: yes
# lab: quick
# software: nginx (TLS reverse proxy, HTTP/2 page) + python3-websockets backend; headless Chromium
# Server 10.78.16.1: nginx terminates TLS (lab self-signed cert) on 6881 (a BitTorrent port) for
# /ws/ (proxied to ws_server.py, Python websockets, on loopback) and serves the page over HTTPS
# with HTTP/2 on 443.  Client host: headless Chromium (fresh profile per run), 6 concurrent
# sockets, each session picking feed, collab or chat, sessions 3..50 s.  Link 60 Mbit/s.
# Capture: tcpdump -i any -s 128 in the client namespace (Linux cooked capture v2, SLL2).
# Usage: wss_chromium_nginx_mix_any.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario wss_chromium_nginx_mix_any "$@"
RUNS=2; T=100; N=6; [ "$QUICK" = 1 ] && { RUNS=1; T=20; N=3; }
SRV=10.78.16.1; CLI=10.78.16.11; PAGEPORT=443; WSPORT=6881
mkdir -p "$OUT/websocket"
CAP="$OUT/websocket/$NAME.pcap"

lab_switch_create sw
lab_host_add sw srv $SRV/16 - 60
lab_host_add sw cli $CLI/16 - 60
web_log "$NAME: page port $PAGEPORT, ws port $WSPORT; $(web_versions)"
web_certs $SRV
web_site --seed "$SEED" --pages 2 --scale 0.1
web_ws_backend srv "$WORK/logs/ws.log" --ping-interval 25 >/dev/null
web_nginx_start srv 30 100 "$SRV:$PAGEPORT ssl http2" "$SRV:$WSPORT ssl" >/dev/null
web_wait_listen srv $WSPORT; web_wait_listen srv 9001
cap=$(lab_capture_start cli "$CAP" -i any)
for i in $(seq 1 $RUNS); do
  web_chromium cli "$WORK/logs/chromium.log" $((T + 8)) \
    "https://$SRV:$PAGEPORT/ws.html?mode=feed,collab,chat&t=$T&n=$N&smin=3&smax=50&think=3000&ws=wss://$SRV:$WSPORT/ws"
  sleep 1
done
lab_capture_stop "$cap"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$WSPORT,websocket" "tcp,$SRV,$PAGEPORT,http"

#!/usr/bin/env bash
# wss_python_feed_v6.sh -- server-push feeds and chat over TLS WebSocket on IPv6, port 443, pcapng.
# quick: yes
# lab: quick
# software: python3-websockets server (Python ssl) + python3-websockets clients
# Server: ws_server.py (Python websockets + Python ssl, lab self-signed cert) directly on
# [fd78::13:1]:443, /ws/feed (Poisson ticks, batches, news items) and /ws/chat, protocol pings
# every 20 s.  Client host [fd78::13:11]: ws_client.py, 8 feed subscribers (sessions 5..120 s,
# occasional re-subscriptions) and 4 chat users.  Link 40 Mbit/s.
# Capture: dumpcap -s 128 on client eth0 (pcapng).
# Usage: wss_python_feed_v6.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario wss_python_feed_v6 "$@"
DUR=${WEB_DUR:-180}; FEEDS=8; CHATS=4; [ "$QUICK" = 1 ] && { DUR=20; FEEDS=3; CHATS=1; }
SRV6=fd78::13:1; CLI6=fd78::13:11; PORT=443
mkdir -p "$OUT/websocket"
CAP="$OUT/websocket/$NAME.pcapng"

lab_switch_create sw
lab_host_add sw srv 10.78.13.1/16 $SRV6/64 40
web_client_add sw cli 10.78.13.11/16 $CLI6/64 40
web_log "$NAME: port $PORT; $(web_versions)"
web_certs $SRV6
lab_bg srv "$WORK/logs/server.log" "$WEB_PY" "$WEB_APPS/ws_server.py" --host $SRV6 --port $PORT \
  --cert "$WORK/certs/server.crt" --key "$WORK/certs/server.key" --seed "$SEED" --ping-interval 20 >/dev/null
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP" --dumpcap)
lab_bg cli "$WORK/logs/chat.log" "$WEB_PY" "$WEB_APPS/ws_client.py" --url "wss://[$SRV6]:$PORT/ws" --mode chat \
  --cafile "$WORK/certs/ca.crt" --clients $CHATS --duration $DUR --session-min 5 --session-max 90 \
  --ping-interval 15 --seed "$((SEED + 50))" >/dev/null
lab_exec cli "$WEB_PY" "$WEB_APPS/ws_client.py" --url "wss://[$SRV6]:$PORT/ws" --mode feed \
  --cafile "$WORK/certs/ca.crt" --clients $FEEDS --duration $DUR --session-min 5 --session-max 120 \
  --think-min 0.5 --think-max 8 --ping-interval 0 --seed "$SEED" 2> "$WORK/logs/client.log" || true
sleep 2
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"; chmod 644 "$CAP"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" yes "tcp,$SRV6,$PORT,websocket"

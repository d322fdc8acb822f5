#!/usr/bin/env bash
# wss_lighttpd_chat_long.sh -- long-lived chat WebSocket sessions (1..5 minutes) through lighttpd over TLS.
# quick: yes
# lab: quick
# software: lighttpd (TLS, mod_proxy WebSocket upgrade) + python3-websockets backend; python3-websockets clients
# Server 10.78.21.1: lighttpd (mod_openssl with the lab's self-signed cert, mod_proxy with
# "upgrade" enabled) on a random high port, /ws/ proxied to ws_server.py (Python websockets) on
# loopback; protocol pings every 30 s.  Client host: ws_client.py with 10 chat users in rooms of 5,
# sessions 60..300 s (idle-heavy: sporadic messages, typing indicators, receipts, client pings every
# 25 s).  Link 1 Mbit/s.  Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: wss_lighttpd_chat_long.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario wss_lighttpd_chat_long "$@"
DUR=420; CLIENTS=10; SMIN=60; SMAX=300; STAG=30; [ "$QUICK" = 1 ] && { DUR=25; CLIENTS=3; SMIN=5; SMAX=20; STAG=3; }
SRV=10.78.21.1; CLI=10.78.21.11; PORT=$(web_port lighttpd-ws)
mkdir -p "$OUT/websocket"
CAP="$OUT/websocket/$NAME.pcap"

lab_switch_create sw
lab_host_add sw srv $SRV/16 - 1
lab_host_add sw cli $CLI/16 - 1
web_log "$NAME: port $PORT; $(web_versions)"
web_certs $SRV
mkdir -p "$WORK/site"
web_ws_backend srv "$WORK/logs/ws.log" --ping-interval 30 >/dev/null
web_lighttpd_start srv $SRV "$PORT" enable 30 100 >/dev/null
web_wait_listen srv "$PORT"; web_wait_listen srv 9001
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_PY" "$WEB_APPS/ws_client.py" --url "wss://$SRV:$PORT/ws" --mode chat \
  --cafile "$WORK/certs/ca.crt" --clients $CLIENTS --duration $DUR --session-min $SMIN --session-max $SMAX \
  --think-min 1 --think-max 20 --stagger $STAG --ping-interval 25 --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$PORT,websocket"

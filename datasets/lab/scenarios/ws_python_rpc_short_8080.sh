#!/usr/bin/env bash
# ws_python_rpc_short_8080.sh -- short request/response-style WebSocket sessions (RPC, chat, telemetry, dashboard), plain ws:// straight to a Python websockets server on 8080.
# quick: yes
# lab: quick
# software: python3-websockets server + python3-websockets clients
# Server 10.78.74.1: ws_server.py (Python websockets, compression on, protocol pings every 8 s) on
# 8080, no proxy.  Client host: ws_client.py with 8 users (permessage-deflate offered), every
# session picking RPC (three times as likely; calls 0.1..1.5 s apart, sometimes pipelined), chat,
# telemetry or a live dashboard; sessions 1.5..20 s, think times 0.2..3 s (reconnect-heavy
# clients).  Link 4 Mbit/s.  Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: ws_python_rpc_short_8080.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario ws_python_rpc_short_8080 "$@"
DUR=${WEB_DUR:-100}; CLIENTS=8; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=3; }
SRV=10.78.74.1; CLI=10.78.74.11; PORT=8080

web_two_hosts websocket 4
web_log "$NAME: port $PORT; $(web_versions)"
lab_bg srv "$WORK/logs/server.log" "$WEB_PY" "$WEB_APPS/ws_server.py" --host $SRV --port $PORT \
  --seed "$SEED" --ping-interval 8 >/dev/null
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_PY" "$WEB_APPS/ws_client.py" --url "ws://$SRV:$PORT/ws" \
  --mode rpc,rpc,rpc,chat,telemetry,dash --rpc-think-max 1.5 \
  --clients $CLIENTS --duration $DUR --session-min 1.5 --session-max 20 --think-min 0.2 --think-max 3 \
  --ping-interval 0 --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" no "tcp,$SRV,$PORT,websocket"

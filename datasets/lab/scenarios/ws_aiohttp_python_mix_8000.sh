#!/usr/bin/env bash
# ws_aiohttp_python_mix_8000.sh -- short plain WebSocket sessions of mixed apps against aiohttp's WebSocket server on 8000.
# quick: yes
# lab: quick
# software: aiohttp WebSocket server (apps/ws_aiohttp_server.py); python3-websockets clients
# Server 10.78.84.1: ws_aiohttp_server.py (aiohttp.web WebSocketResponse, the application logic of
# ws_server.py, permessage-deflate on, heartbeat pings every 8 s) on 8000, no proxy.  Client
# host: ws_client.py with 7 users (permessage-deflate offered), every session picking chat,
# feed, collab, chat bursts, RPC, telemetry, dashboard or bulk binary transfers (10 kB .. 200 kB
# in 16 kB frames); sessions 2..30 s, think times 0.2..4 s (reconnect-heavy).  Link 5 Mbit/s.
# Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: ws_aiohttp_python_mix_8000.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario ws_aiohttp_python_mix_8000 "$@"
DUR=${WEB_DUR:-90}; CLIENTS=7; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=3; }
SRV=10.78.84.1; CLI=10.78.84.11; PORT=8000

web_two_hosts websocket 5
web_log "$NAME: port $PORT; $(web_versions)"
lab_bg srv "$WORK/logs/ws.log" "$WEB_PY" "$WEB_APPS/ws_aiohttp_server.py" --host $SRV --port $PORT \
  --heartbeat 8 --bulk-chunk 16384 --seed "$SEED" >/dev/null
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_PY" "$WEB_APPS/ws_client.py" --url "ws://$SRV:$PORT/ws" --mode chat,feed,collab,burst,rpc,telemetry,dash,bulk \
  --clients $CLIENTS --duration $DUR --session-min 2 --session-max 30 \
  --think-min 0.2 --think-max 4 --bulk-chunk 16384 --bulk-min 10000 --bulk-max 200000 \
  --ping-interval 0 --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" no "tcp,$SRV,$PORT,websocket"

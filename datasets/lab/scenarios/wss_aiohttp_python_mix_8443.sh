#!/usr/bin/env bash
# wss_aiohttp_python_mix_8443.sh -- short TLS WebSocket sessions of mixed apps against aiohttp's WebSocket server (own TLS) on 8443.
# quick: yes
# lab: quick
# software: aiohttp WebSocket server (apps/ws_aiohttp_server.py, Python ssl / OpenSSL); python3-websockets clients
# Server 10.78.85.1: ws_aiohttp_server.py (aiohttp.web WebSocketResponse, the application logic of
# ws_server.py, terminating TLS itself with the lab self-signed cert, compression off, heartbeat
# pings every 5 s) on 8443.  Client host: ws_client.py with 8 users (compression off), every
# session picking chat, feed, collab, chat bursts, RPC, telemetry, dashboard or bulk binary
# transfers (15 kB .. 250 kB in 16 kB frames); sessions 2..30 s, think times 0.2..3 s
# (reconnect-heavy).  Link 4 Mbit/s.  Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: wss_aiohttp_python_mix_8443.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario wss_aiohttp_python_mix_8443 "$@"
DUR=${WEB_DUR:-90}; CLIENTS=8; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=3; }
SRV=10.78.85.1; CLI=10.78.85.11; PORT=8443

web_two_hosts websocket 4
web_log "$NAME: port $PORT; $(web_versions)"
web_certs $SRV
lab_bg srv "$WORK/logs/ws.log" "$WEB_PY" "$WEB_APPS/ws_aiohttp_server.py" --host $SRV --port $PORT \
  --cert "$WORK/certs/server.crt" --key "$WORK/certs/server.key" \
  --heartbeat 5 --no-compression --bulk-chunk 16384 --seed "$SEED" >/dev/null
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_PY" "$WEB_APPS/ws_client.py" --url "wss://$SRV:$PORT/ws" --mode chat,feed,collab,burst,rpc,telemetry,dash,bulk \
  --cafile "$WORK/certs/ca.crt" --clients $CLIENTS --duration $DUR --session-min 2 --session-max 30 \
  --think-min 0.2 --think-max 3 --bulk-chunk 16384 --bulk-min 15000 --bulk-max 250000 --no-compression \
  --ping-interval 0 --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$PORT,websocket"

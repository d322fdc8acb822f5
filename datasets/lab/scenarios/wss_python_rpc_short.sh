#!/usr/bin/env bash
# wss_python_rpc_short.sh -- short request/response-heavy TLS WebSocket sessions of mixed apps straight to a Python websockets server on a random high port.
# quick: yes
# lab: quick
# software: python3-websockets server (TLS, Python ssl / OpenSSL); python3-websockets clients
# Server 10.78.75.1: ws_server.py (Python websockets, TLS with the lab self-signed cert, compression
# off, protocol pings every 20 s) on a random high port, no proxy.  Client host: ws_client.py with
# 7 users (compression off), every session picking RPC (twice as likely; calls 0.1..2.5 s apart),
# chat, chat bursts, collab, feed or telemetry; sessions 2..20 s, think times 0.3..5 s
# (reconnect-heavy).  Link 5 Mbit/s.  Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: wss_python_rpc_short.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario wss_python_rpc_short "$@"
DUR=${WEB_DUR:-100}; CLIENTS=7; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=3; }
SRV=10.78.75.1; CLI=10.78.75.11; PORT=$(web_port wssrpc)

web_two_hosts websocket 5
web_log "$NAME: port $PORT; $(web_versions)"
web_certs $SRV
lab_bg srv "$WORK/logs/server.log" "$WEB_PY" "$WEB_APPS/ws_server.py" --host $SRV --port "$PORT" \
  --cert "$WORK/certs/server.crt" --key "$WORK/certs/server.key" --seed "$SEED" --ping-interval 20 \
  --no-compression >/dev/null
web_wait_listen srv "$PORT"
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_PY" "$WEB_APPS/ws_client.py" --url "wss://$SRV:$PORT/ws" \
  --mode rpc,rpc,chat,burst,collab,feed,telemetry --rpc-think-max 2.5 --cafile "$WORK/certs/ca.crt" \
  --clients $CLIENTS --duration $DUR --session-min 2 --session-max 20 --think-min 0.3 --think-max 5 \
  --no-compression --ping-interval 0 --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$PORT,websocket"

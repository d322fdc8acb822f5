#!/usr/bin/env bash
# wss_python_mix_443.sh -- short and medium TLS WebSocket sessions of mixed app patterns straight to a Python websockets server on 443.
# quick: yes
# lab: quick
# software: python3-websockets server (TLS, Python ssl / OpenSSL); python3-websockets clients
# Server 10.78.56.1: ws_server.py (Python websockets, TLS with the lab self-signed cert,
# compression off, protocol pings every 15 s) on 443, no proxy.  Client host: ws_client.py with
# 6 users (compression off), every session picking chat, feed, RPC, telemetry, collab, dashboard,
# chat bursts or bulk binary transfers (10 kB .. 150 kB in 8 kB frames); sessions 3..45 s, think
# times 0.5..6 s.  Link 10 Mbit/s.  Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: wss_python_mix_443.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario wss_python_mix_443 "$@"
DUR=${WEB_DUR:-100}; CLIENTS=6; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=3; }
SRV=10.78.56.1; CLI=10.78.56.11; PORT=443

web_two_hosts websocket 10
web_log "$NAME: port $PORT; $(web_versions)"
web_certs $SRV
lab_bg srv "$WORK/logs/server.log" "$WEB_PY" "$WEB_APPS/ws_server.py" --host $SRV --port $PORT \
  --cert "$WORK/certs/server.crt" --key "$WORK/certs/server.key" --seed "$SEED" --ping-interval 15 \
  --no-compression --bulk-chunk 8192 >/dev/null
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_PY" "$WEB_APPS/ws_client.py" --url "wss://$SRV:$PORT/ws" \
  --mode chat,feed,rpc,telemetry,collab,dash,burst,bulk --cafile "$WORK/certs/ca.crt" \
  --clients $CLIENTS --duration $DUR --session-min 3 --session-max 45 --think-min 0.5 --think-max 6 \
  --bulk-chunk 8192 --bulk-min 10000 --bulk-max 150000 --no-compression --ping-interval 0 \
  --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$PORT,websocket"

#!/usr/bin/env bash
# wss_python_rpc_bulk_51413.sh -- python-websockets over TLS direct on 51413 (port swap): RPC, big binary frames, telemetry, dashboards.
# quick: yes
# lab: quick
# software: python3-websockets server (Python ssl) + python3-websockets clients
# Server 10.78.49.1: ws_server.py (Python websockets terminating TLS itself, permessage-deflate,
# protocol pings every 30 s, 64 kB download frames) on 51413, the Transmission default port.
# Client host: ws_client.py with 5 users (deflate on), each session picking request/response RPC,
# bulk binary transfers (uploads in 64 kB frames acked one by one, downloads; 30 kB .. 800 kB),
# telemetry (0.5..10 Hz) or a dashboard stream; sessions 5..50 s, think 0.5..8 s; client protocol
# pings every 20 s.  Link 15 Mbit/s.  Capture: tcpdump -s 128 --time-stamp-precision=nano on
# client eth0 (pcap, ns timestamps).
# Usage: wss_python_rpc_bulk_51413.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario wss_python_rpc_bulk_51413 "$@"
DUR=100; CLIENTS=5; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=3; }
SRV=10.78.49.1; CLI=10.78.49.11; PORT=51413
mkdir -p "$OUT/websocket"
CAP="$OUT/websocket/$NAME.pcap"

lab_switch_create sw
lab_host_add sw srv $SRV/16 - 15
lab_host_add sw cli $CLI/16 - 15
web_log "$NAME: port $PORT; $(web_versions)"
web_certs $SRV
lab_bg srv "$WORK/logs/server.log" "$WEB_PY" "$WEB_APPS/ws_server.py" --host $SRV --port $PORT \
  --cert "$WORK/certs/server.crt" --key "$WORK/certs/server.key" --seed "$SEED" --ping-interval 30 >/dev/null
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP" --time-stamp-precision=nano)
lab_exec cli "$WEB_PY" "$WEB_APPS/ws_client.py" --url "wss://$SRV:$PORT/ws" --mode rpc,rpc,bulk,telemetry,dash \
  --cafile "$WORK/certs/ca.crt" --clients $CLIENTS --duration $DUR --session-min 5 --session-max 50 \
  --think-min 0.5 --think-max 8 --bulk-min 30000 --bulk-max 800000 --ping-interval 20 --seed "$SEED" \
  2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$PORT,websocket"

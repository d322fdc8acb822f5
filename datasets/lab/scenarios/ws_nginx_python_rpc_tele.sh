#!/usr/bin/env bash
# ws_nginx_python_rpc_tele.sh -- python-websockets clients through an nginx proxy on 80: RPC, telemetry, chat bursts (permessage-deflate on).
# quick: yes
# lab: quick
# software: nginx (reverse proxy) + python3-websockets backend; python3-websockets clients
# Server 10.78.45.1: nginx on 80 proxying /ws/ (Upgrade) to ws_server.py (Python websockets,
# permessage-deflate, protocol pings every 10 s) on loopback.  Client host: ws_client.py with 8
# users (deflate on), each session picking request/response RPC (calls 0.1..3 s apart, results
# 20 B .. 20 kB), device telemetry (small JSON readings at 0.5..10 Hz, server acks) or chat in
# bursts; sessions 3..40 s, think 0.3..6 s.  Link 10 Mbit/s.  Capture: tcpdump -s 128 on client eth0.
# Usage: ws_nginx_python_rpc_tele.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario ws_nginx_python_rpc_tele "$@"
DUR=100; CLIENTS=8; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=3; }
SRV=10.78.45.1; CLI=10.78.45.11; PORT=80
mkdir -p "$OUT/websocket"
CAP="$OUT/websocket/$NAME.pcap"

lab_switch_create sw
lab_host_add sw srv $SRV/16 - 10
lab_host_add sw cli $CLI/16 - 10
web_log "$NAME: port $PORT; $(web_versions)"
web_site --seed "$SEED" --pages 2 --scale 0.1
web_ws_backend srv "$WORK/logs/ws.log" --ping-interval 10 >/dev/null
web_nginx_start srv 10 100 "$SRV:$PORT" >/dev/null
web_wait_listen srv $PORT; web_wait_listen srv 9001
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_PY" "$WEB_APPS/ws_client.py" --url "ws://$SRV:$PORT/ws" --mode rpc,telemetry,burst \
  --clients $CLIENTS --duration $DUR --session-min 3 --session-max 40 --think-min 0.3 --think-max 6 \
  --ping-interval 0 --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" no "tcp,$SRV,$PORT,websocket"

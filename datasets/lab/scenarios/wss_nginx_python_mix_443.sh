#!/usr/bin/env bash
# wss_nginx_python_mix_443.sh -- short TLS WebSocket sessions of mixed apps through nginx on 443, permessage-deflate off.
# quick: yes
# lab: quick
# software: nginx (TLS, WebSocket proxy) + python3-websockets backend; python3-websockets clients
# Server 10.78.80.1: nginx (TLS 1.2/1.3, lab self-signed cert) on 443, proxying /ws/ upgrades to
# ws_server.py (Python websockets, compression off, protocol pings every 6 s) on loopback.
# Client host: ws_client.py with 8 users (compression off), every session picking chat, feed,
# collab, chat bursts, RPC, telemetry, dashboard or bulk binary transfers (15 kB .. 200 kB in
# 16 kB frames); sessions 2..30 s, think times 0.2..3 s (reconnect-heavy; a relative of
# wss_nginx_python_mix_51413 on the HTTPS port without compression).  Link 5 Mbit/s.
# Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: wss_nginx_python_mix_443.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME --duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario wss_nginx_python_mix_443 "$@"
DUR=${WEB_DUR:-90}; CLIENTS=8; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=3; }
SRV=10.78.80.1; CLI=10.78.80.11; PORT=443

web_two_hosts websocket 5
web_log "$NAME: port $PORT; $(web_versions)"
web_certs $SRV
mkdir -p "$WORK/site"
web_ws_backend srv "$WORK/logs/ws.log" --ping-interval 6 --no-compression --bulk-chunk 16384 >/dev/null
web_nginx_start srv 10 100 "$SRV:$PORT ssl" >/dev/null
web_wait_listen srv $PORT; web_wait_listen srv 9001
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_PY" "$WEB_APPS/ws_client.py" --url "wss://$SRV:$PORT/ws" --mode chat,feed,collab,burst,rpc,telemetry,dash,bulk \
  --cafile "$WORK/certs/ca.crt" --clients $CLIENTS --duration $DUR --session-min 2 --session-max 30 \
  --think-min 0.2 --think-max 3 --bulk-chunk 16384 --bulk-min 15000 --bulk-max 200000 --no-compression \
  --ping-interval 0 --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$PORT,websocket"

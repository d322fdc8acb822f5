#!/usr/bin/env bash
# wss_nginx_python_mix_51413.sh -- short TLS WebSocket sessions of mixed apps (bulk, RPC, telemetry, chat, feed, dashboard) through nginx on 51413 (port swap).
# quick: yes
# lab: quick
# software: nginx (TLS, WebSocket proxy) + python3-websockets backend; python3-websockets clients
# Server 10.78.58.1: nginx (TLS 1.2/1.3, lab self-signed cert) on 51413, the Transmission port,
# proxying /ws/ upgrades to ws_server.py (Python websockets, permessage-deflate on, protocol pings
# every 8 s) on loopback.  Client host: ws_client.py with 6 users, every session picking chat,
# feed, chat bursts, RPC, telemetry, dashboard or bulk binary transfers (20 kB .. 250 kB in
# 16 kB frames); sessions 2..30 s, think times 0.3..4 s (reconnect-heavy, a relative of
# wss_lighttpd_python_mix_6881 with another proxy, port and compression).  Link 4 Mbit/s.
# Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: wss_nginx_python_mix_51413.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario wss_nginx_python_mix_51413 "$@"
DUR=${WEB_DUR:-90}; CLIENTS=6; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=3; }
SRV=10.78.58.1; CLI=10.78.58.11; PORT=51413

web_two_hosts websocket 4
web_log "$NAME: port $PORT; $(web_versions)"
web_certs $SRV
mkdir -p "$WORK/site"
web_ws_backend srv "$WORK/logs/ws.log" --ping-interval 8 --bulk-chunk 16384 >/dev/null
web_nginx_start srv 10 100 "$SRV:$PORT ssl" >/dev/null
web_wait_listen srv $PORT; web_wait_listen srv 9001
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_PY" "$WEB_APPS/ws_client.py" --url "wss://$SRV:$PORT/ws" --mode chat,feed,burst,rpc,telemetry,dash,bulk \
  --cafile "$WORK/certs/ca.crt" --clients $CLIENTS --duration $DUR --session-min 2 --session-max 30 \
  --think-min 0.3 --think-max 4 --bulk-chunk 16384 --bulk-min 20000 --bulk-max 250000 \
  --ping-interval 0 --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$PORT,websocket"

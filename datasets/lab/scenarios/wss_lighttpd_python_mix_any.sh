#!/usr/bin/env bash
# wss_lighttpd_python_mix_any.sh -- short TLS WebSocket sessions of mixed apps through lighttpd on a random high port, compression off.
# quick: yes
# lab: quick
# software: lighttpd (TLS, mod_proxy WebSocket upgrade) + python3-websockets backend; python3-websockets clients
# Server 10.78.81.1: lighttpd (mod_openssl, lab self-signed cert) on a port drawn from the seed
# (10000..60999), proxying /ws/ upgrades to ws_server.py (Python websockets, compression off,
# protocol pings every 10 s) on loopback.  Client host: ws_client.py with 7 users (compression
# off, client pings every 15 s), every session picking chat, feed, collab, chat bursts, RPC,
# telemetry, dashboard or bulk binary transfers (10 kB .. 150 kB in 8 kB frames); sessions
# 2..25 s, think times 0.3..5 s (a relative of wss_lighttpd_python_mix_6881 on another port).
# Link 4 Mbit/s.  Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: wss_lighttpd_python_mix_any.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario wss_lighttpd_python_mix_any "$@"
DUR=${WEB_DUR:-90}; CLIENTS=7; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=3; }
SRV=10.78.81.1; CLI=10.78.81.11; PORT=$(web_port wsport)

web_two_hosts websocket 4
web_log "$NAME: port $PORT; $(web_versions)"
web_certs $SRV
mkdir -p "$WORK/site"
web_ws_backend srv "$WORK/logs/ws.log" --ping-interval 10 --no-compression --bulk-chunk 8192 >/dev/null
web_lighttpd_start srv $SRV $PORT enable 8 100 >/dev/null
web_wait_listen srv $PORT; web_wait_listen srv 9001
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_PY" "$WEB_APPS/ws_client.py" --url "wss://$SRV:$PORT/ws" --mode chat,feed,collab,burst,rpc,telemetry,dash,bulk \
  --cafile "$WORK/certs/ca.crt" --clients $CLIENTS --duration $DUR --session-min 2 --session-max 25 \
  --think-min 0.3 --think-max 5 --bulk-chunk 8192 --bulk-min 10000 --bulk-max 150000 --no-compression \
  --ping-interval 15 --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$PORT,websocket"

#!/usr/bin/env bash
# wss_lighttpd_python_mix_6881.sh -- many short TLS WebSocket sessions of mixed apps through lighttpd on 6881 (port swap).
# quick: yes
# lab: quick
# software: lighttpd (TLS, mod_proxy WebSocket upgrade) + python3-websockets backend; python3-websockets clients
# Server 10.78.46.1: lighttpd (mod_openssl, lab self-signed cert) on 6881, the BitTorrent port,
# proxying /ws/ upgrades to ws_server.py (Python websockets, compression off, protocol pings
# every 5 s) on loopback.  Client host: ws_client.py with 8 users (compression off), every session
# picking chat, feed, chat bursts, RPC, telemetry or bulk binary transfers (20 kB .. 300 kB in
# 16 kB frames); sessions 2..30 s, short think times (reconnect-heavy, like ws_python_mix_nano
# but over TLS and a proxy).  Link 3 Mbit/s.  Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: wss_lighttpd_python_mix_6881.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario wss_lighttpd_python_mix_6881 "$@"
DUR=100; CLIENTS=8; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=3; }
SRV=10.78.46.1; CLI=10.78.46.11; PORT=6881
mkdir -p "$OUT/websocket"
CAP="$OUT/websocket/$NAME.pcap"

lab_switch_create sw
lab_host_add sw srv $SRV/16 - 3
lab_host_add sw cli $CLI/16 - 3
web_log "$NAME: port $PORT; $(web_versions)"
web_certs $SRV
mkdir -p "$WORK/site"
web_ws_backend srv "$WORK/logs/ws.log" --ping-interval 5 --no-compression --bulk-chunk 16384 >/dev/null
web_lighttpd_start srv $SRV $PORT enable 10 100 >/dev/null
web_wait_listen srv $PORT; web_wait_listen srv 9001
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_PY" "$WEB_APPS/ws_client.py" --url "wss://$SRV:$PORT/ws" --mode chat,feed,burst,rpc,telemetry,bulk \
  --cafile "$WORK/certs/ca.crt" --clients $CLIENTS --duration $DUR --session-min 2 --session-max 30 \
  --think-min 0.2 --think-max 4 --bulk-chunk 16384 --bulk-min 20000 --bulk-max 300000 --no-compression \
  --ping-interval 0 --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$PORT,websocket"

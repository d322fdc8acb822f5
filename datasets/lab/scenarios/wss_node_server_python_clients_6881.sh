#!/usr/bin/env bash
# wss_node_server_python_clients_6881.sh -- python3-websockets clients against the Node.js ws server (own TLS) on 6881 (port swap).
# quick: yes
# lab: quick
# software: Node.js 20 web_server.js (https + ws 8.23 WebSocketServer, Node TLS); python3-websockets clients (ws_client.py, OpenSSL)
# Server 10.78.96.1: apps/node/web_server.js terminating TLS (lab self-signed cert), wss on 6881
# (the BitTorrent port), permessage-deflate on, protocol pings every 6 s.  Client host:
# ws_client.py with 7 users (permessage-deflate offered), every session one of chat, feed,
# collab, chat bursts, RPC, telemetry, dashboard or bulk binary transfers (10 kB .. 100 kB
# in 16 kB frames); sessions 2..30 s, think times 0.2..4 s.  Link 5 Mbit/s.
# Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: wss_node_server_python_clients_6881.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME --duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario wss_node_server_python_clients_6881 "$@"
DUR=${WEB_DUR:-85}; CLIENTS=7; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=3; }
SRV=10.78.96.1; CLI=10.78.96.11; PORT=6881

web_two_hosts websocket 5
web_log "$NAME: port $PORT; $(web_versions)"
web_certs $SRV
web_node_server srv "$WORK/logs/server.log" --host $SRV --ws-port $PORT --compression \
  --cert "$WORK/certs/server.crt" --key "$WORK/certs/server.key" --ping-interval 6 --bulk-chunk 16384 >/dev/null
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_PY" "$WEB_APPS/ws_client.py" --url "wss://$SRV:$PORT/ws" \
  --mode chat,feed,collab,burst,rpc,telemetry,dash,bulk --cafile "$WORK/certs/ca.crt" \
  --clients $CLIENTS --duration $DUR --session-min 2 --session-max 30 --think-min 0.2 --think-max 4 \
  --bulk-chunk 16384 --bulk-min 10000 --bulk-max 100000 --ping-interval 0 --seed "$SEED" \
  2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$PORT,websocket"

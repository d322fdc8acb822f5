#!/usr/bin/env bash
# wss_node_mix_8443.sh -- TLS WebSocket sessions of mixed apps, Node.js on both ends (ws package, Node's TLS) on 8443.
# quick: yes
# lab: quick
# software: Node.js 20 web_server.js (https + ws 8.23 WebSocketServer, Node TLS / OpenSSL 3); Node.js web_client.js (ws 8.23 clients)
# Server 10.78.91.1: apps/node/web_server.js terminating TLS itself (lab self-signed cert) with the
# application behaviours of ws_server.py, wss on 8443, compression off, protocol pings every 5 s.
# Client host: apps/node/web_client.js with 8 users (ws package, no compression, lab CA), every
# session one of chat, feed, collab, chat bursts, RPC, telemetry, dashboard or bulk binary
# transfers (15 kB .. 200 kB in 16 kB frames); sessions 2..30 s, think times 0.2..3 s
# (reconnect-heavy).  Link 4 Mbit/s.  Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: wss_node_mix_8443.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME --duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario wss_node_mix_8443 "$@"
DUR=${WEB_DUR:-85}; CLIENTS=8; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=3; }
SRV=10.78.91.1; CLI=10.78.91.11; PORT=8443

web_two_hosts websocket 4
web_log "$NAME: port $PORT; $(web_versions)"
web_certs $SRV
web_node_server srv "$WORK/logs/server.log" --host $SRV --ws-port $PORT \
  --cert "$WORK/certs/server.crt" --key "$WORK/certs/server.key" --ping-interval 5 --bulk-chunk 16384 >/dev/null
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP")
web_node_client cli "$WORK/logs/client.log" --url "wss://$SRV:$PORT/ws" \
  --mode chat,feed,collab,burst,rpc,telemetry,dash,bulk --cafile "$WORK/certs/ca.crt" \
  --clients $CLIENTS --duration $DUR --session-min 2 --session-max 30 --think-min 0.2 --think-max 3 \
  --bulk-chunk 16384 --bulk-min 15000 --bulk-max 200000
lab_capture_stop "$cap"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$PORT,websocket"

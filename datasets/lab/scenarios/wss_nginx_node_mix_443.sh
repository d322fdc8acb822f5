#!/usr/bin/env bash
# wss_nginx_node_mix_443.sh -- TLS WebSocket sessions of mixed apps from Node.js clients through nginx on 443 to a Node.js ws backend.
# quick: yes
# lab: quick
# software: nginx (TLS, WebSocket proxy) + Node.js 20 web_server.js backend (ws 8.23); Node.js web_client.js (ws 8.23 clients)
# Server 10.78.94.1: nginx (TLS 1.2/1.3, lab self-signed cert) on 443, proxying /ws/ upgrades to
# apps/node/web_server.js (ws WebSocketServer, compression off, protocol pings every 8 s) on
# 127.0.0.1:9001.  Client host: apps/node/web_client.js with 8 users (ws package, lab CA), every
# session one of chat, feed, collab, chat bursts, RPC, telemetry, dashboard or bulk binary
# transfers (15 kB .. 100 kB in 16 kB frames); sessions 2..30 s, think times 0.2..3 s.
# Link 5 Mbit/s.  Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: wss_nginx_node_mix_443.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME --duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario wss_nginx_node_mix_443 "$@"
DUR=${WEB_DUR:-85}; CLIENTS=8; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=3; }
SRV=10.78.94.1; CLI=10.78.94.11; PORT=443

web_two_hosts websocket 5
web_log "$NAME: port $PORT; $(web_versions)"
web_certs $SRV
mkdir -p "$WORK/site"
web_node_server srv "$WORK/logs/server.log" --host 127.0.0.1 --ws-port 9001 --ping-interval 8 --bulk-chunk 16384 >/dev/null
web_nginx_start srv 10 100 "$SRV:$PORT ssl" >/dev/null
web_wait_listen srv $PORT; web_wait_listen srv 9001
cap=$(lab_capture_start cli "$CAP")
web_node_client cli "$WORK/logs/client.log" --url "wss://$SRV:$PORT/ws" --cafile "$WORK/certs/ca.crt" \
  --mode chat,feed,collab,burst,rpc,telemetry,dash,bulk \
  --clients $CLIENTS --duration $DUR --session-min 2 --session-max 30 --think-min 0.2 --think-max 3 \
  --bulk-chunk 16384 --bulk-min 15000 --bulk-max 100000
lab_capture_stop "$cap"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$PORT,websocket"

#!/usr/bin/env bash
# ws_node_mix_8080.sh -- plain WebSocket sessions of mixed apps, Node.js on both ends (ws package client and server) on 8080.
# quick: yes
# lab: quick
# software: Node.js 20 web_server.js (http + ws 8.23 WebSocketServer); Node.js web_client.js (ws 8.23 clients)
# Server 10.78.90.1: apps/node/web_server.js, the application behaviours of ws_server.py (chat,
# feed, collab, game, rpc, telemetry, bulk, dash) in one Node process, ws on 8080 with
# permessage-deflate, protocol pings every 10 s.  Client host: apps/node/web_client.js with 7
# users (ws package, permessage-deflate offered), every session one of game, chat, collab, feed,
# chat bursts, RPC, telemetry, dashboard or bulk binary transfers (10 kB .. 150 kB in 16 kB
# frames); sessions 2..30 s, think times 0.2..4 s (reconnect-heavy).  Link 5 Mbit/s.
# Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: ws_node_mix_8080.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME --duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario ws_node_mix_8080 "$@"
DUR=${WEB_DUR:-85}; CLIENTS=7; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=3; }
SRV=10.78.90.1; CLI=10.78.90.11; PORT=8080

web_two_hosts websocket 5
web_log "$NAME: port $PORT; $(web_versions)"
web_node_server srv "$WORK/logs/server.log" --host $SRV --ws-port $PORT --compression \
  --ping-interval 10 --bulk-chunk 16384 >/dev/null
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP")
web_node_client cli "$WORK/logs/client.log" --url "ws://$SRV:$PORT/ws" \
  --mode game,chat,collab,feed,burst,rpc,telemetry,dash,bulk --compression \
  --clients $CLIENTS --duration $DUR --session-min 2 --session-max 30 --think-min 0.2 --think-max 4 \
  --bulk-chunk 16384 --bulk-min 10000 --bulk-max 150000
lab_capture_stop "$cap"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" no "tcp,$SRV,$PORT,websocket"

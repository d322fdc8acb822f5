#!/usr/bin/env bash
# ws_tornado_impl_mix_8888.sh -- tornado's WebSocket server (plain, 8888) with tornado and aiohttp WebSocket clients, every app pattern.
# quick: yes
# lab: quick
# software: tornado 6.2 WebSocketHandler (apps/impl_ws_server.py --impl tornado); tornado websocket_connect + aiohttp ws_connect clients (apps/impl_ws_client.py)
# Server 10.78.120.1: apps/impl_ws_server.py --impl tornado (ws_server.py's application handlers on
# tornado's own HTTP server and frame codec, permessage-deflate, protocol pings every 15 s) on 8888.
# Client host: 4 users with tornado's websocket_connect (compression offered, pings every 20 s)
# and 3 users with aiohttp's ws_connect (heartbeat 10 s), sessions of game, chat, collab, feed,
# chat bursts, rpc, telemetry, dash and bulk (10 kB .. 200 kB in 16 kB frames), 2..30 s,
# think times 0.3..5 s.  Link 10 Mbit/s.
# Capture: tcpdump -s 128 on the client's eth0 (pcap).
# Usage: ws_tornado_impl_mix_8888.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME --duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/impl_weblib.sh"
web_scenario ws_tornado_impl_mix_8888 "$@"
DUR=${WEB_DUR:-75}; [ "$QUICK" = 1 ] && DUR=20
SRV=10.78.120.1; CLI=10.78.120.11; PORT=8888
MODES=game,chat,collab,feed,burst,rpc,telemetry,dash,bulk
BULK=(--bulk-chunk 16384 --bulk-min 10000 --bulk-max 200000)

web_two_hosts websocket 10
web_log "$NAME: port $PORT; $(impl_ver python3-tornado python3-aiohttp)"
impl_ws_server srv "$WORK/logs/server.log" tornado --host $SRV --port $PORT --ping-interval 15 --bulk-chunk 16384 >/dev/null
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP")
lab_bg cli "$WORK/logs/aiohttp.log" "$WEB_PY" "$WEB_APPS/impl_ws_client.py" --impl aiohttp --url "ws://$SRV:$PORT/ws" \
  --mode $MODES --clients 3 --duration "$DUR" --session-min 2 --session-max 30 --think-min 0.3 --think-max 5 \
  --ping-interval 10 "${BULK[@]}" --seed $((SEED + 1)) >/dev/null
impl_ws_client cli "$WORK/logs/tornado.log" tornado --url "ws://$SRV:$PORT/ws" --mode $MODES --clients 4 \
  --duration "$DUR" --session-min 2 --session-max 30 --think-min 0.3 --think-max 5 --ping-interval 20 "${BULK[@]}"
sleep 2
lab_capture_stop "$cap"
impl_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" no tornado \
  "$(impl_roles ws-server=tornado=python3-tornado ws-client=tornado=python3-tornado ws-client=aiohttp=python3-aiohttp)" \
  "tcp,$SRV,$PORT,websocket"

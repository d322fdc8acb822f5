#!/usr/bin/env bash
# ws_uvicorn_chat_many_6969.sh -- uvicorn/wsproto on 6969 (a tracker port, plain) with many long, mostly idle chat, dashboard and feed sessions from tornado and undici clients.
# quick: yes
# software: uvicorn 0.17 (h11 + wsproto 1.2; apps/impl_ws_server.py --impl uvicorn); tornado websocket_connect clients; Node.js 20 built-in WebSocket (undici)
# Server 10.78.138.1: apps/impl_ws_server.py --impl uvicorn on 6969 (wsproto: no server pings).
# Client host: 6 tornado users (chat, dashboard, slow feed; sessions 15..80 s, pings every 25 s)
# and 4 users of Node's built-in WebSocket (chat, bursts), so many sessions are small messages
# seconds apart with long silences.  Link 5 Mbit/s.
# Capture: tcpdump -s 128 on the client's eth0 (pcap).
# Usage: ws_uvicorn_chat_many_6969.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME --duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/impl_weblib.sh"
web_scenario ws_uvicorn_chat_many_6969 "$@"
DUR=${WEB_DUR:-90}; [ "$QUICK" = 1 ] && DUR=20
SRV=10.78.138.1; CLI=10.78.138.11; PORT=6969

web_two_hosts websocket 5
web_log "$NAME: port $PORT; $(impl_ver python3-uvicorn python3-wsproto python3-tornado undici)"
impl_ws_server srv "$WORK/logs/server.log" uvicorn --host $SRV --port $PORT >/dev/null
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP")
lab_bg cli "$WORK/logs/tornado.log" "$WEB_PY" "$WEB_APPS/impl_ws_client.py" --impl tornado --url "ws://$SRV:$PORT/ws" \
  --mode chat,chat,dash,feed --clients 6 --duration "$DUR" --session-min 15 --session-max 80 --think-min 0.5 \
  --think-max 8 --ping-interval 25 --seed $((SEED + 1)) >/dev/null
impl_undici_client cli "$WORK/logs/undici.log" --url "ws://$SRV:$PORT/ws" --mode chat,burst --clients 4 \
  --duration "$DUR" --session-min 15 --session-max 80 --think-min 0.5 --think-max 8
sleep 3
lab_capture_stop "$cap"
impl_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" no uvicorn \
  "$(impl_roles ws-server=uvicorn=python3-uvicorn ws-client=tornado=python3-tornado ws-client=undici=undici)" \
  "tcp,$SRV,$PORT,websocket"

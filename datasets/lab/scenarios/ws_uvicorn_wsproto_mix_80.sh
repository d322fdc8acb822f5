#!/usr/bin/env bash
# ws_uvicorn_wsproto_mix_80.sh -- uvicorn with the wsproto WebSocket stack on port 80 (plain), aiohttp and autobahn clients, every app pattern.
# quick: yes
# software: uvicorn 0.17 (h11 + wsproto 1.2, ASGI; apps/impl_ws_server.py --impl uvicorn); aiohttp ws_connect + autobahn asyncio clients
# Server 10.78.126.1: apps/impl_ws_server.py --impl uvicorn on 80: the handshake and frames come
# from h11 and wsproto (permessage-deflate when offered, no server pings).  Client host: 4 aiohttp
# users (deflate, heartbeat 20 s) and 3 autobahn users (deflate, auto-pings 10 s), sessions of
# game, chat, collab, feed, bursts, rpc, telemetry, dash and bulk (10 .. 150 kB in 32 kB frames),
# 2..30 s.  Link 10 Mbit/s.
# Capture: tcpdump -s 128 on the client's eth0 (pcap).
# Usage: ws_uvicorn_wsproto_mix_80.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME --duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/impl_weblib.sh"
web_scenario ws_uvicorn_wsproto_mix_80 "$@"
DUR=${WEB_DUR:-75}; [ "$QUICK" = 1 ] && DUR=20
SRV=10.78.126.1; CLI=10.78.126.11; PORT=80
MODES=game,chat,collab,feed,burst,rpc,telemetry,dash,bulk
BULK=(--bulk-chunk 32768 --bulk-min 10000 --bulk-max 150000)

web_two_hosts websocket 10
web_log "$NAME: port $PORT; $(impl_ver python3-uvicorn python3-wsproto python3-aiohttp python3-autobahn)"
impl_ws_server srv "$WORK/logs/server.log" uvicorn --host $SRV --port $PORT --bulk-chunk 32768 >/dev/null
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP")
lab_bg cli "$WORK/logs/autobahn.log" "$WEB_PY" "$WEB_APPS/impl_ws_client.py" --impl autobahn --url "ws://$SRV:$PORT/ws" \
  --mode $MODES --clients 3 --duration "$DUR" --session-min 2 --session-max 30 --think-min 0.3 --think-max 5 \
  --ping-interval 10 "${BULK[@]}" --seed $((SEED + 1)) >/dev/null
impl_ws_client cli "$WORK/logs/aiohttp.log" aiohttp --url "ws://$SRV:$PORT/ws" --mode $MODES --clients 4 \
  --duration "$DUR" --session-min 2 --session-max 30 --think-min 0.3 --think-max 5 --ping-interval 20 "${BULK[@]}"
sleep 2
lab_capture_stop "$cap"
impl_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" no uvicorn \
  "$(impl_roles ws-server=uvicorn=python3-uvicorn ws-client=aiohttp=python3-aiohttp ws-client=autobahn=python3-autobahn)" \
  "tcp,$SRV,$PORT,websocket"

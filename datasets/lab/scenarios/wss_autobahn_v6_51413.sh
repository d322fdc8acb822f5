#!/usr/bin/env bash
# wss_autobahn_v6_51413.sh -- autobahn's WebSocket server with TLS over IPv6 on 51413, tornado and aiohttp WSS clients; pcapng.
# quick: yes
# software: autobahn 22.7 asyncio WebSocketServerProtocol (Python ssl / OpenSSL 3); tornado websocket_connect + aiohttp ws_connect clients (apps/impl_ws_client.py)
# Server fd78::123:1: apps/impl_ws_server.py --impl autobahn with the lab certificate on 51413
# (permessage-deflate accepted, auto-pings every 25 s).  Client host fd78::123:11: 4 tornado users
# (chat, feed, collab, rpc, dash, telemetry) and 3 aiohttp users (chat, burst, game at 20 Hz, bulk
# 10 .. 120 kB), sessions 3..40 s, reconnects after 0.5..6 s.  Link 20 Mbit/s.
# Capture: dumpcap -s 128 on the client's eth0 (pcapng).
# Usage: wss_autobahn_v6_51413.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME --duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/impl_weblib.sh"
web_scenario wss_autobahn_v6_51413 "$@"
DUR=${WEB_DUR:-75}; [ "$QUICK" = 1 ] && DUR=20
SRV6=fd78::123:1; CLI6=fd78::123:11; PORT=51413
mkdir -p "$OUT/websocket"; CAP="$OUT/websocket/$NAME.pcapng"
lab_switch_create sw
lab_host_add sw srv 10.78.123.1/16 $SRV6/64 20
web_client_add sw cli 10.78.123.11/16 $CLI6/64 20
web_log "$NAME: port $PORT; $(impl_ver python3-autobahn python3-tornado python3-aiohttp)"
web_certs $SRV6
impl_ws_server srv "$WORK/logs/server.log" autobahn --host $SRV6 --port $PORT --ping-interval 25 \
  --cert "$WORK/certs/server.crt" --key "$WORK/certs/server.key" --bulk-chunk 16384 >/dev/null
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP" --dumpcap)
URL="wss://[$SRV6]:$PORT/ws"
lab_bg cli "$WORK/logs/aiohttp.log" "$WEB_PY" "$WEB_APPS/impl_ws_client.py" --impl aiohttp --url "$URL" \
  --cafile "$WORK/certs/ca.crt" --mode chat,burst,game,bulk --hz 20 --clients 3 --duration "$DUR" \
  --session-min 3 --session-max 40 --think-min 0.5 --think-max 6 --ping-interval 0 \
  --bulk-chunk 16384 --bulk-min 10000 --bulk-max 120000 --seed $((SEED + 1)) >/dev/null
impl_ws_client cli "$WORK/logs/tornado.log" tornado --url "$URL" --cafile "$WORK/certs/ca.crt" \
  --mode chat,feed,collab,rpc,dash,telemetry --clients 4 --duration "$DUR" --session-min 3 --session-max 40 \
  --think-min 0.5 --think-max 6 --ping-interval 0
sleep 2
lab_capture_stop "$cap"; chmod 644 "$CAP"
impl_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" yes autobahn \
  "$(impl_roles ws-server=autobahn=python3-autobahn ws-client=tornado=python3-tornado ws-client=aiohttp=python3-aiohttp)" \
  "tcp,$SRV6,$PORT,websocket"

#!/usr/bin/env bash
# wss_tornado_bulk_chat_8443.sh -- tornado WebSocket server with TLS on 8443: bulk binary transfers and chat over WSS from aiohttp and autobahn clients.
# quick: yes
# software: tornado 6.2 WebSocketHandler (apps/impl_ws_server.py --impl tornado, Python ssl / OpenSSL 3); aiohttp ws_connect + autobahn asyncio clients (apps/impl_ws_client.py)
# Server 10.78.136.1: apps/impl_ws_server.py --impl tornado with the lab certificate on 8443
# (permessage-deflate, pings every 25 s, bulk downloads in 64 kB frames).  Client host: 3 aiohttp
# users with bulk binary uploads and downloads (50 kB .. 1.5 MB in 64 kB frames) and chat, and 4
# autobahn users with chat, chat bursts and collab (long sessions 10..60 s, pings every 20 s).
# Link 20 Mbit/s.
# Capture: tcpdump -s 128 on the client's eth0 (pcap).
# Usage: wss_tornado_bulk_chat_8443.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME --duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/impl_weblib.sh"
web_scenario wss_tornado_bulk_chat_8443 "$@"
DUR=${WEB_DUR:-75}; [ "$QUICK" = 1 ] && DUR=20
SRV=10.78.136.1; CLI=10.78.136.11; PORT=8443

web_two_hosts websocket 20
web_log "$NAME: port $PORT; $(impl_ver python3-tornado python3-aiohttp python3-autobahn)"
web_certs $SRV
impl_ws_server srv "$WORK/logs/server.log" tornado --host $SRV --port $PORT --ping-interval 25 \
  --cert "$WORK/certs/server.crt" --key "$WORK/certs/server.key" --bulk-chunk 65536 >/dev/null
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP")
URL="wss://$SRV:$PORT/ws"
lab_bg cli "$WORK/logs/autobahn.log" "$WEB_PY" "$WEB_APPS/impl_ws_client.py" --impl autobahn --url "$URL" \
  --cafile "$WORK/certs/ca.crt" --mode chat,burst,collab --clients 4 --duration "$DUR" --session-min 10 \
  --session-max 60 --think-min 0.5 --think-max 6 --ping-interval 20 --seed $((SEED + 1)) >/dev/null
impl_ws_client cli "$WORK/logs/aiohttp.log" aiohttp --url "$URL" --cafile "$WORK/certs/ca.crt" --mode bulk,bulk,chat \
  --clients 3 --duration "$DUR" --session-min 4 --session-max 30 --think-min 0.5 --think-max 5 --ping-interval 0 \
  --bulk-chunk 65536 --bulk-min 50000 --bulk-max 1500000
sleep 2
lab_capture_stop "$cap"
impl_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" yes tornado \
  "$(impl_roles ws-server=tornado=python3-tornado ws-client=aiohttp=python3-aiohttp ws-client=autobahn=python3-autobahn)" \
  "tcp,$SRV,$PORT,websocket"

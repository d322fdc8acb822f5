#!/usr/bin/env bash
# ws_autobahn_undici_mix_6881.sh -- autobahn's asyncio WebSocket server on 6881 (plain) with Node's built-in (undici) WebSocket and autobahn clients; Linux cooked capture.
# quick: yes
# software: autobahn 22.7 asyncio WebSocketServerProtocol (apps/impl_ws_server.py --impl autobahn); Node.js 20 built-in WebSocket (undici) via node/web_client.js --ws-lib undici; autobahn asyncio client
# Server 10.78.122.1: apps/impl_ws_server.py --impl autobahn on 6881 (a BitTorrent port), autobahn's
# handshake and frame codec, permessage-deflate accepted, auto-pings every 12 s.  Client host:
# 5 users of Node's built-in WebSocket (undici: no deflate offer, no client pings) with game,
# chat, collab, feed, bursts, rpc, telemetry, dash and bulk (10 .. 150 kB in 16 kB frames), and
# 3 autobahn client users (deflate offered, auto-pings 15 s) with chat, rpc, telemetry, feed, bulk.
# Sessions 2..30 s.  Link 8 Mbit/s.
# Capture: tcpdump -s 128 -i any in the client namespace (Linux cooked v2, SLL2).
# Usage: ws_autobahn_undici_mix_6881.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME --duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/impl_weblib.sh"
web_scenario ws_autobahn_undici_mix_6881 "$@"
DUR=${WEB_DUR:-75}; [ "$QUICK" = 1 ] && DUR=20
SRV=10.78.122.1; CLI=10.78.122.11; PORT=6881

web_two_hosts websocket 8
web_log "$NAME: port $PORT; $(impl_ver python3-autobahn undici)"
impl_ws_server srv "$WORK/logs/server.log" autobahn --host $SRV --port $PORT --ping-interval 12 --bulk-chunk 16384 >/dev/null
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP" -i any)
lab_bg cli "$WORK/logs/autobahn.log" "$WEB_PY" "$WEB_APPS/impl_ws_client.py" --impl autobahn --url "ws://$SRV:$PORT/ws" \
  --mode chat,rpc,telemetry,feed,bulk --clients 3 --duration "$DUR" --session-min 2 --session-max 30 \
  --think-min 0.3 --think-max 5 --ping-interval 15 --bulk-chunk 16384 --bulk-min 10000 --bulk-max 150000 \
  --seed $((SEED + 1)) >/dev/null
impl_undici_client cli "$WORK/logs/undici.log" --url "ws://$SRV:$PORT/ws" \
  --mode game,chat,collab,feed,burst,rpc,telemetry,dash,bulk --clients 5 --duration "$DUR" \
  --session-min 2 --session-max 30 --think-min 0.3 --think-max 5 --bulk-chunk 16384 --bulk-min 10000 --bulk-max 150000
sleep 2
lab_capture_stop "$cap"
impl_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" no autobahn \
  "$(impl_roles ws-server=autobahn=python3-autobahn ws-client=undici=undici ws-client=autobahn=python3-autobahn)" \
  "tcp,$SRV,$PORT,websocket"

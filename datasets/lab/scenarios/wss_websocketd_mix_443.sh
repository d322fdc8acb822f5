#!/usr/bin/env bash
# wss_websocketd_mix_443.sh -- websocketd (Go crypto/tls) on 443 running a program per connection; tornado and Node built-in (undici) WSS clients.
# quick: yes
# software: websocketd 0.4.1 (Go net/http, crypto/tls, gorilla/websocket) running apps/impl_stdio_app.py; tornado websocket_connect clients; Node.js 20 built-in WebSocket (undici)
# Server 10.78.125.1: websocketd --ssl with the lab certificate on 443, one apps/impl_stdio_app.py
# process per connection (chat, collab, feed, rpc, telemetry, dash over text lines).  Client host:
# 4 tornado users (deflate offered but websocketd declines, pings every 20 s) and 4 users of Node's
# built-in WebSocket (undici, NODE_EXTRA_CA_CERTS = the lab CA), sessions of chat, bursts, collab,
# feed, rpc, telemetry, dash, 2..35 s.  Link 10 Mbit/s.
# Capture: tcpdump -s 128 on the client's eth0 (pcap).
# Usage: wss_websocketd_mix_443.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME --duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/impl_weblib.sh"
web_scenario wss_websocketd_mix_443 "$@"
DUR=${WEB_DUR:-75}; [ "$QUICK" = 1 ] && DUR=20
SRV=10.78.125.1; CLI=10.78.125.11; PORT=443
MODES=chat,burst,collab,feed,rpc,telemetry,dash

web_two_hosts websocket 10
web_log "$NAME: port $PORT; $(impl_ver websocketd python3-tornado undici)"
web_certs $SRV
impl_websocketd srv "$WORK/logs/ws.log" $SRV $PORT --ssl >/dev/null
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP")
lab_bg cli "$WORK/logs/tornado.log" "$WEB_PY" "$WEB_APPS/impl_ws_client.py" --impl tornado --url "wss://$SRV:$PORT/ws" \
  --cafile "$WORK/certs/ca.crt" --mode $MODES --clients 4 --duration "$DUR" --session-min 2 --session-max 35 \
  --think-min 0.3 --think-max 5 --ping-interval 20 --seed $((SEED + 1)) >/dev/null
impl_undici_client cli "$WORK/logs/undici.log" --url "wss://$SRV:$PORT/ws" --cafile "$WORK/certs/ca.crt" \
  --mode $MODES --clients 4 --duration "$DUR" --session-min 2 --session-max 35 --think-min 0.3 --think-max 5
sleep 3
lab_capture_stop "$cap"
impl_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" yes websocketd \
  "$(impl_roles ws-server=websocketd=websocketd ws-client=tornado=python3-tornado ws-client=undici=undici)" \
  "tcp,$SRV,$PORT,websocket"

#!/usr/bin/env bash
# ws_websocat_cli_9000.sh -- websocat (Rust, rust-websocket) as WebSocket server on 9000 running a program per connection, with websocat command-line clients and tornado clients; IPv6.
# quick: yes
# software: websocat 1.14 (crates.io; tokio 0.1 + the rust-websocket crate 0.27) server running apps/impl_stdio_app.py and command-line clients (apps/impl_websocat_users.sh); tornado websocket_connect clients
# Server fd78::128:1: websocat -t ws-l:[fd78::128:1]:9000 exec:impl_stdio_app.py (one process per
# connection, the URL handed over in WEBSOCAT_URI; chat, collab, feed, rpc, telemetry, dash as
# text lines).  Client host fd78::128:11: 4 websocat command-line users (feed readers, telemetry
# pipes, RPC scripts; client pings every 10 s) and 3 tornado users (chat, collab, feed, rpc,
# dash, bursts), sessions 2..30 s.  Link 10 Mbit/s.
# Capture: tcpdump -s 128 on the client's eth0 (pcap).
# Usage: ws_websocat_cli_9000.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME --duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/impl_weblib.sh"
web_scenario ws_websocat_cli_9000 "$@"
DUR=${WEB_DUR:-75}; [ "$QUICK" = 1 ] && DUR=20
SRV6=fd78::128:1; CLI6=fd78::128:11; PORT=9000
mkdir -p "$OUT/websocket"; CAP="$OUT/websocket/$NAME.pcap"
lab_switch_create sw
lab_host_add sw srv 10.78.128.1/16 $SRV6/64 10
web_client_add sw cli 10.78.128.11/16 $CLI6/64 10
web_log "$NAME: port $PORT; $(impl_ver websocat python3-tornado)"
lab_bg srv "$WORK/logs/ws.log" websocat -t -E --set-environment "ws-l:[$SRV6]:$PORT" \
  exec:"$WEB_PY" --exec-args "$WEB_APPS/impl_stdio_app.py" --seed "$SEED" >/dev/null
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP")
lab_bg cli "$WORK/logs/websocat.log" bash "$WEB_APPS/impl_websocat_users.sh" "ws://[$SRV6]:$PORT/ws" 4 "$DUR" "$SEED" \
  --ping-interval 10 >/dev/null
impl_ws_client cli "$WORK/logs/tornado.log" tornado --url "ws://[$SRV6]:$PORT/ws" --mode chat,collab,feed,rpc,dash,burst \
  --clients 3 --duration "$DUR" --session-min 2 --session-max 30 --think-min 0.3 --think-max 5 --ping-interval 0
sleep 4
lab_capture_stop "$cap"
impl_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" no websocat \
  "$(impl_roles ws-server=websocat=websocat ws-client=websocat=websocat ws-client=tornado=python3-tornado)" \
  "tcp,$SRV6,$PORT,websocket"

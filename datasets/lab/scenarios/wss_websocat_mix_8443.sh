#!/usr/bin/env bash
# wss_websocat_mix_8443.sh -- websocat (Rust, native-tls) as TLS WebSocket server on 8443 running a program per connection; websocat, aiohttp and Node built-in (undici) clients.
# quick: yes
# software: websocat 1.14 (crates.io; tokio 0.1 + the rust-websocket crate 0.27, native-tls / OpenSSL 3) server running apps/impl_stdio_app.py and command-line clients; aiohttp ws_connect clients; Node.js 20 built-in WebSocket (undici)
# Server 10.78.129.1: websocat -t wss-l:10.78.129.1:8443 with the lab certificate (PKCS#12) and
# exec:impl_stdio_app.py, one process per connection (chat, collab, feed, rpc, telemetry, dash as
# text lines).  Client host: 3 websocat command-line users (-k; feed readers, telemetry pipes,
# RPC scripts; pings every 8 s), 3 aiohttp users (chat, collab, feed, rpc, dash; heartbeat 20 s)
# and 2 users of Node's built-in WebSocket (telemetry, chat bursts, rpc), sessions 2..30 s.
# Link 8 Mbit/s.
# Capture: tcpdump -s 128 on the client's eth0 (pcap).
# Usage: wss_websocat_mix_8443.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME --duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/impl_weblib.sh"
web_scenario wss_websocat_mix_8443 "$@"
DUR=${WEB_DUR:-75}; [ "$QUICK" = 1 ] && DUR=20
SRV=10.78.129.1; CLI=10.78.129.11; PORT=8443

web_two_hosts websocket 8
web_log "$NAME: port $PORT; $(impl_ver websocat python3-aiohttp undici)"
web_certs $SRV
openssl pkcs12 -export -out "$WORK/certs/server.p12" -inkey "$WORK/certs/server.key" -in "$WORK/certs/server.crt" -passout pass:
lab_bg srv "$WORK/logs/ws.log" websocat -t -E --set-environment --pkcs12-der "$WORK/certs/server.p12" "wss-l:$SRV:$PORT" \
  exec:"$WEB_PY" --exec-args "$WEB_APPS/impl_stdio_app.py" --seed "$SEED" >/dev/null
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP")
URL="wss://$SRV:$PORT/ws"
lab_bg cli "$WORK/logs/websocat.log" bash "$WEB_APPS/impl_websocat_users.sh" "$URL" 3 "$DUR" "$SEED" -k --ping-interval 8 >/dev/null
lab_bg cli "$WORK/logs/aiohttp.log" "$WEB_PY" "$WEB_APPS/impl_ws_client.py" --impl aiohttp --url "$URL" \
  --cafile "$WORK/certs/ca.crt" --mode chat,collab,feed,rpc,dash --clients 3 --duration "$DUR" --session-min 2 \
  --session-max 30 --think-min 0.3 --think-max 5 --ping-interval 20 --seed $((SEED + 1)) >/dev/null
impl_undici_client cli "$WORK/logs/undici.log" --url "$URL" --cafile "$WORK/certs/ca.crt" --mode telemetry,burst,rpc \
  --clients 2 --duration "$DUR" --session-min 2 --session-max 30 --think-min 0.3 --think-max 5
sleep 4
lab_capture_stop "$cap"
impl_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" yes websocat \
  "$(impl_roles ws-server=websocat=websocat ws-client=websocat=websocat ws-client=aiohttp=python3-aiohttp ws-client=undici=undici)" \
  "tcp,$SRV,$PORT,websocket"

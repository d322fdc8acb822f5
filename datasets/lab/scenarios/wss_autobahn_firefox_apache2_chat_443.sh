#!/usr/bin/env bash
# wss_autobahn_firefox_apache2_chat_443.sh -- headless Firefox ESR loads the chat page from Apache httpd (HTTP/2) and holds long WSS chat/collab sessions with autobahn on 443; undici chat users too.
# quick: yes
# software: autobahn 22.7 asyncio WebSocketServerProtocol (Python ssl); apache2 2.4 (mod_ssl, mod_http2; page server); headless Firefox ESR; Node.js 20 built-in WebSocket (undici)
# Server 10.78.137.1: apps/impl_ws_server.py --impl autobahn with the lab certificate on 443
# (auto-pings every 30 s, permessage-deflate accepted), and apache2 serving the site and ws.html
# over HTTPS (h2) on a random high port.  Client host: headless Firefox ESR runs chat and collab
# on 4 sockets (sessions 10..60 s, application pings), twice; meanwhile 4 users of Node's built-in
# WebSocket chat and burst (sessions 10..60 s).  Link 10 Mbit/s.
# Capture: tcpdump -s 128 on the client's eth0 (pcap).
# Usage: wss_autobahn_firefox_apache2_chat_443.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME --duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/impl_weblib.sh"
web_scenario wss_autobahn_firefox_apache2_chat_443 "$@"
T=40; [ "$QUICK" = 1 ] && T=12
[ -n "$WEB_DUR" ] && T=$(( (WEB_DUR - 16) / 2 ))
SRV=10.78.137.1; CLI=10.78.137.11; PAGEPORT=$(web_port page); WSPORT=443

web_two_hosts websocket 10
web_log "$NAME: page $PAGEPORT, ws $WSPORT; $(impl_ver python3-autobahn apache2 firefox-esr undici)"
web_certs $SRV
web_site --seed "$SEED" --pages 2 --scale 0.1
impl_ws_server srv "$WORK/logs/ws.log" autobahn --host $SRV --port $WSPORT \
  --cert "$WORK/certs/server.crt" --key "$WORK/certs/server.key" --ping-interval 30 >/dev/null
impl_apache2_start srv "$SRV:$PAGEPORT" on "h2 http/1.1" 5 100 >/dev/null
web_wait_listen srv $WSPORT; web_wait_listen srv "$PAGEPORT"
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_NODE" --experimental-websocket --no-warnings "$WEB_APPS/node/web_client.js" --ws-lib undici \
  --seed $((SEED + 1)) --url "wss://$SRV:$WSPORT/ws" --cafile "$WORK/certs/ca.crt" --mode chat,burst \
  --clients 4 --duration $((2 * T + 16)) --session-min 10 --session-max 60 --think-min 0.5 --think-max 6 \
  2> "$WORK/logs/undici.log" &
node_pid=$!
for run in 1 2; do
  impl_firefox cli "$WORK/logs/firefox.log" $((T + 8)) \
    "https://$SRV:$PAGEPORT/ws.html?mode=chat,collab&t=$T&n=4&smin=10&smax=60&think=3000&ws=wss://$SRV:$WSPORT/ws"
done
wait $node_pid || true
tail -1 "$WORK/logs/undici.log" >&2
sleep 1
lab_capture_stop "$cap"
impl_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" yes autobahn \
  "$(impl_roles ws-server=autobahn=python3-autobahn http-server=apache2=apache2 ws-client=firefox=firefox-esr http-client=firefox=firefox-esr ws-client=undici=undici)" \
  "tcp,$SRV,$WSPORT,websocket" "tcp,$SRV,$PAGEPORT,http"

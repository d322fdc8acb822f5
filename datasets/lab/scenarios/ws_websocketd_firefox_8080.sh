#!/usr/bin/env bash
# ws_websocketd_firefox_8080.sh -- websocketd (Go) runs a program per WebSocket on 8080; headless Firefox ESR (page from a second websocketd's static server) and aiohttp clients.
# quick: yes
# software: websocketd 0.4.1 (Go net/http + gorilla/websocket) running apps/impl_stdio_app.py per connection; headless Firefox ESR; aiohttp ws_connect clients
# Server 10.78.124.1: websocketd on 8080 starts apps/impl_stdio_app.py for every connection (one
# process per session: the text apps of ws_server.py, one message per line); a second websocketd
# serves the site and ws.html from --staticdir (Go net/http) on a random high port.  Client host:
# headless Firefox ESR (fresh profile, background services off) loads ws.html and runs chat,
# collab, feed and dash sessions on 3 sockets (twice), and 3 aiohttp users run rpc, telemetry,
# chat and feed sessions (heartbeat 15 s).  Link 10 Mbit/s.
# Capture: tcpdump -s 128 on the client's eth0 (pcap).
# Usage: ws_websocketd_firefox_8080.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME --duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/impl_weblib.sh"
web_scenario ws_websocketd_firefox_8080 "$@"
T=35; [ "$QUICK" = 1 ] && T=12
[ -n "$WEB_DUR" ] && T=$(( (WEB_DUR - 16) / 2 ))
SRV=10.78.124.1; CLI=10.78.124.11; PAGEPORT=$(web_port page); WSPORT=8080

web_two_hosts websocket 10
web_log "$NAME: page $PAGEPORT, ws $WSPORT; $(impl_ver websocketd firefox-esr python3-aiohttp)"
web_site --seed "$SEED" --pages 2 --scale 0.1
impl_websocketd srv "$WORK/logs/ws.log" $SRV $WSPORT plain >/dev/null
impl_websocketd srv "$WORK/logs/page.log" $SRV "$PAGEPORT" plain "$WORK/site" >/dev/null
web_wait_listen srv $WSPORT; web_wait_listen srv "$PAGEPORT"
cap=$(lab_capture_start cli "$CAP")
lab_bg cli "$WORK/logs/aiohttp.log" "$WEB_PY" "$WEB_APPS/impl_ws_client.py" --impl aiohttp --url "ws://$SRV:$WSPORT/ws" \
  --mode rpc,telemetry,chat,feed --clients 3 --duration $((2 * T + 16)) --session-min 3 --session-max 30 \
  --think-min 0.5 --think-max 5 --ping-interval 15 --seed $((SEED + 1)) >/dev/null
for run in 1 2; do
  impl_firefox cli "$WORK/logs/firefox.log" $((T + 8)) \
    "http://$SRV:$PAGEPORT/ws.html?mode=chat,collab,feed,dash&t=$T&n=3&smin=3&smax=35&think=3000&ws=ws://$SRV:$WSPORT/ws"
done
sleep 3
lab_capture_stop "$cap"
impl_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" no websocketd \
  "$(impl_roles ws-server=websocketd=websocketd http-server=websocketd=websocketd ws-client=firefox=firefox-esr http-client=firefox=firefox-esr ws-client=aiohttp=python3-aiohttp)" \
  "tcp,$SRV,$WSPORT,websocket" "tcp,$SRV,$PAGEPORT,http"

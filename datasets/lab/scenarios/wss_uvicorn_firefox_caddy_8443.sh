#!/usr/bin/env bash
# wss_uvicorn_firefox_caddy_8443.sh -- headless Firefox ESR loads the app page from Caddy (HTTP/2, Go TLS) and opens WSS sessions to uvicorn/wsproto on 8443; Node built-in (undici) WSS clients too.
# quick: yes
# software: uvicorn 0.17 + wsproto 1.2 (Python ssl); Caddy 2.6 (HTTPS page server, HTTP/2); headless Firefox ESR; Node.js 20 built-in WebSocket (undici)
# Server 10.78.127.1: apps/impl_ws_server.py --impl uvicorn with the lab certificate on 8443, and
# Caddy serving the site and ws.html over HTTPS (h1 + h2, Go crypto/tls) on a random high port.
# Client host: headless Firefox ESR loads ws.html over HTTP/2 and runs mode=mix on 3 sockets (game
# at 30 Hz), then feed, dash and collab on 3 sockets; meanwhile 3 users of Node's built-in
# WebSocket run chat, rpc, telemetry and bulk sessions (10 .. 100 kB).  Link 20 Mbit/s.
# Capture: tcpdump -s 128 on the client's eth0 (pcap).
# Usage: wss_uvicorn_firefox_caddy_8443.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME --duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/impl_weblib.sh"
web_scenario wss_uvicorn_firefox_caddy_8443 "$@"
T=35; [ "$QUICK" = 1 ] && T=12
[ -n "$WEB_DUR" ] && T=$(( (WEB_DUR - 16) / 2 ))
SRV=10.78.127.1; CLI=10.78.127.11; PAGEPORT=$(web_port page); WSPORT=8443

web_two_hosts websocket 20
web_log "$NAME: page $PAGEPORT, ws $WSPORT; $(impl_ver python3-uvicorn python3-wsproto caddy firefox-esr undici)"
web_certs $SRV
web_site --seed "$SEED" --pages 2 --scale 0.1
impl_ws_server srv "$WORK/logs/ws.log" uvicorn --host $SRV --port $WSPORT \
  --cert "$WORK/certs/server.crt" --key "$WORK/certs/server.key" --bulk-chunk 16384 >/dev/null
impl_caddy_start srv $SRV "$PAGEPORT" on "h1 h2" 30 >/dev/null
web_wait_listen srv $WSPORT; web_wait_listen srv "$PAGEPORT"
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_NODE" --experimental-websocket --no-warnings "$WEB_APPS/node/web_client.js" --ws-lib undici \
  --seed $((SEED + 1)) --url "wss://$SRV:$WSPORT/ws" --cafile "$WORK/certs/ca.crt" --mode chat,rpc,telemetry,bulk \
  --clients 3 --duration $((2 * T + 16)) --session-min 3 --session-max 30 --think-min 0.5 --think-max 5 \
  --bulk-chunk 16384 --bulk-min 10000 --bulk-max 100000 2> "$WORK/logs/undici.log" &
node_pid=$!
impl_firefox cli "$WORK/logs/firefox.log" $((T + 8)) \
  "https://$SRV:$PAGEPORT/ws.html?mode=mix&t=$T&n=3&smin=2&smax=30&think=2500&hz=30&ws=wss://$SRV:$WSPORT/ws"
impl_firefox cli "$WORK/logs/firefox.log" $((T + 8)) \
  "https://$SRV:$PAGEPORT/ws.html?mode=feed,dash,collab&t=$T&n=3&smin=4&smax=40&think=3000&ws=wss://$SRV:$WSPORT/ws"
wait $node_pid || true
tail -1 "$WORK/logs/undici.log" >&2
sleep 1
lab_capture_stop "$cap"
impl_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" yes uvicorn \
  "$(impl_roles ws-server=uvicorn=python3-uvicorn http-server=caddy=caddy ws-client=firefox=firefox-esr http-client=firefox=firefox-esr ws-client=undici=undici)" \
  "tcp,$SRV,$WSPORT,websocket" "tcp,$SRV,$PAGEPORT,http"

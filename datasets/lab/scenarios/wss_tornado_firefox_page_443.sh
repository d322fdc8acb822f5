#!/usr/bin/env bash
# wss_tornado_firefox_page_443.sh -- headless Firefox ESR loads the app page from tornado over HTTPS and runs WSS sessions against tornado on 443.
# quick: yes
# software: tornado 6.2 (HTTPS page server + WebSocketHandler, Python ssl); headless Firefox ESR (Gecko, NSS TLS)
# Server 10.78.121.1: two apps/impl_ws_server.py --impl tornado processes with the lab certificate:
# the site (gen_site.py, ws.html) over HTTPS on a random high port, and the WebSocket apps on 443
# (permessage-deflate, protocol pings every 20 s).  Client host: headless Firefox ESR (fresh profile
# trusting only the lab CA, telemetry/updates/captive-portal/safe-browsing off) opens ws.html:
# mode=mix on 4 sockets (game at 20 Hz), then chat, collab, dash and feed on 3 sockets.
# Link 20 Mbit/s.
# Capture: tcpdump -s 128 on the client's eth0 (pcap).
# Usage: wss_tornado_firefox_page_443.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME --duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/impl_weblib.sh"
web_scenario wss_tornado_firefox_page_443 "$@"
T=35; [ "$QUICK" = 1 ] && T=12
[ -n "$WEB_DUR" ] && T=$(( (WEB_DUR - 16) / 2 ))
SRV=10.78.121.1; CLI=10.78.121.11; PAGEPORT=$(web_port page); WSPORT=443

web_two_hosts websocket 20
web_log "$NAME: page $PAGEPORT, ws $WSPORT; $(impl_ver python3-tornado firefox-esr)"
web_certs $SRV
web_site --seed "$SEED" --pages 2 --scale 0.1
TLS=(--cert "$WORK/certs/server.crt" --key "$WORK/certs/server.key")
impl_ws_server srv "$WORK/logs/ws.log" tornado --host $SRV --port $WSPORT "${TLS[@]}" --ping-interval 20 >/dev/null
impl_ws_server srv "$WORK/logs/page.log" tornado --host $SRV --port "$PAGEPORT" "${TLS[@]}" --static "$WORK/site" >/dev/null
web_wait_listen srv $WSPORT; web_wait_listen srv "$PAGEPORT"
cap=$(lab_capture_start cli "$CAP")
impl_firefox cli "$WORK/logs/firefox.log" $((T + 10)) \
  "https://$SRV:$PAGEPORT/ws.html?mode=mix&t=$T&n=4&smin=2&smax=30&think=2500&hz=20&ws=wss://$SRV:$WSPORT/ws"
sleep 1
impl_firefox cli "$WORK/logs/firefox.log" $((T + 10)) \
  "https://$SRV:$PAGEPORT/ws.html?mode=chat,collab,dash,feed&t=$T&n=3&smin=4&smax=40&think=3000&ws=wss://$SRV:$WSPORT/ws"
sleep 1
lab_capture_stop "$cap"
impl_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" yes tornado \
  "$(impl_roles ws-server=tornado=python3-tornado http-server=tornado=python3-tornado ws-client=firefox=firefox-esr http-client=firefox=firefox-esr)" \
  "tcp,$SRV,$WSPORT,websocket" "tcp,$SRV,$PAGEPORT,http"

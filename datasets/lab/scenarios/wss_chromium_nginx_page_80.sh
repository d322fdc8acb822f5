#!/usr/bin/env bash
# wss_chromium_nginx_page_80.sh -- Chromium loads the app page over HTTPS/2 from nginx on a random high port and opens WSS sockets through nginx on port 80 (TLS on a plain-HTTP port).
# quick: yes
# lab: quick
# software: nginx (TLS reverse proxy, HTTP/2 page) + python3-websockets backend; headless Chromium
# Server 10.78.68.1: nginx (TLS, lab self-signed cert, keepalive_timeout 15 s) serving the site
# and ws.html on a random high port (ssl http2) and proxying /ws/ upgrades on port 80 (ssl,
# HTTP/1.1; swapped: TLS where plain HTTP is expected) to ws_server.py (Python websockets,
# protocol pings every 20 s) on loopback.  Client host: headless Chromium (fresh profile per run)
# loads the page, then runs 5 sockets of feed, chat and game (20 Hz) sessions (3..40 s); a second
# run with dash, collab and chat on 3 sockets.  Link 12 Mbit/s.
# Capture: tcpdump -s 128 on the client's eth0 (pcap).
# Usage: wss_chromium_nginx_page_80.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario wss_chromium_nginx_page_80 "$@"
T=50; [ "$QUICK" = 1 ] && T=15
[ -n "$WEB_DUR" ] && T=$(( (WEB_DUR - 16) / 2 ))
SRV=10.78.68.1; CLI=10.78.68.11; PAGEPORT=$(web_port page); WSPORT=80

web_two_hosts websocket 12
web_log "$NAME: page port $PAGEPORT, ws port $WSPORT; $(web_versions)"
web_certs $SRV
web_site --seed "$SEED" --pages 2 --scale 0.1
web_ws_backend srv "$WORK/logs/ws.log" --ping-interval 20 >/dev/null
web_nginx_start srv 15 100 "$SRV:$PAGEPORT ssl http2" "$SRV:$WSPORT ssl" >/dev/null
web_wait_listen srv $WSPORT; web_wait_listen srv "$PAGEPORT"; web_wait_listen srv 9001
cap=$(lab_capture_start cli "$CAP")
web_chromium cli "$WORK/logs/chromium.log" $((T + 8)) \
  "https://$SRV:$PAGEPORT/ws.html?mode=feed,chat,game&t=$T&n=5&smin=3&smax=40&think=3000&hz=20&ws=wss://$SRV:$WSPORT/ws"
sleep 1
web_chromium cli "$WORK/logs/chromium.log" $((T + 8)) \
  "https://$SRV:$PAGEPORT/ws.html?mode=dash,collab,chat&t=$T&n=3&smin=5&smax=45&think=3000&ws=wss://$SRV:$WSPORT/ws"
lab_capture_stop "$cap"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$WSPORT,websocket" "tcp,$SRV,$PAGEPORT,http"

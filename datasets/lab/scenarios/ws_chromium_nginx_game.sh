#!/usr/bin/env bash
# ws_chromium_nginx_game.sh -- headless Chromium multiplayer game over plain ws:// through nginx.
# quick: yes
# lab: quick
# software: nginx (reverse proxy) + python3-websockets backend; headless Chromium
# Server 10.78.15.1: nginx serves the game page ws.html on port 80 (HTTP) and proxies WebSocket
# upgrades on a random high port to ws_server.py (Python websockets, /ws/game: binary state
# snapshots at 20..60 Hz) on loopback.  Client host: headless Chromium (fresh profile per run),
# 2 concurrent game sockets from the page (browser WebSocket API, binary inputs at the tick rate),
# sessions 4..45 s with reconnects between rounds.  Link 15 Mbit/s.
# Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: ws_chromium_nginx_game.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario ws_chromium_nginx_game "$@"
RUNS=2; T=65; N=2; [ "$QUICK" = 1 ] && { RUNS=1; T=20; N=2; }
SRV=10.78.15.1; CLI=10.78.15.11; PAGEPORT=80; WSPORT=$(web_port game)
mkdir -p "$OUT/websocket"
CAP="$OUT/websocket/$NAME.pcap"

lab_switch_create sw
lab_host_add sw srv $SRV/16 - 15
lab_host_add sw cli $CLI/16 - 15
web_log "$NAME: page port $PAGEPORT, ws port $WSPORT; $(web_versions)"
web_site --seed "$SEED" --pages 2 --scale 0.1
web_ws_backend srv "$WORK/logs/ws.log" --ping-interval 20 >/dev/null
web_nginx_start srv 10 100 "$SRV:$PAGEPORT" "$SRV:$WSPORT" >/dev/null
web_wait_listen srv $WSPORT; web_wait_listen srv 9001
cap=$(lab_capture_start cli "$CAP")
for i in $(seq 1 $RUNS); do
  web_chromium cli "$WORK/logs/chromium.log" $((T + 8)) \
    "http://$SRV:$PAGEPORT/ws.html?mode=game&t=$T&n=$N&smin=4&smax=45&think=2500&ws=ws://$SRV:$WSPORT/ws"
  sleep 1
done
lab_capture_stop "$cap"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" no "tcp,$SRV,$WSPORT,websocket" "tcp,$SRV,$PAGEPORT,http"

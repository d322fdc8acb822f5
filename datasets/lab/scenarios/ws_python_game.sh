#!/usr/bin/env bash
# ws_python_game.sh -- multiplayer-game WebSocket traffic, plain ws:// on port 6881 (a BitTorrent port).
# quick: yes
# lab: quick
# software: python3-websockets server + python3-websockets clients
# Server: ws_server.py (Python websockets) listening directly on 10.78.1.1:6881, /ws/game
# (binary state snapshots at the session's tick rate, 20..60 Hz).  Client host: ws_client.py
# with 3 concurrent players (one TCP connection per game session, sessions 4..40 s, inputs at
# the tick rate).  Link 20 Mbit/s tbf; the client sits behind the user-space WAN link (apps/wan_link.py, no jitter or loss; the committed capture was recorded with its constant-delay predecessor) adding 15 ms each way (RTT about 30 ms).  Capture: tcpdump -s 128 on the client's eth0 (pcap).
# Usage: ws_python_game.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario ws_python_game "$@"
DUR=${WEB_DUR:-80}; CLIENTS=3; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=2; }
SRV=10.78.1.1; CLI=10.78.1.11; PORT=6881
mkdir -p "$OUT/websocket"
CAP="$OUT/websocket/$NAME.pcap"

lab_switch_create sw
lab_host_add sw srv $SRV/16 - 20; web_csum_off srv
web_delay_host sw cli $CLI/16 - 20 15
web_log "$NAME: $(web_versions)"
lab_bg srv "$WORK/logs/server.log" "$WEB_PY" "$WEB_APPS/ws_server.py" --host $SRV --port $PORT \
  --seed "$SEED" --ping-interval 20 >/dev/null
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_PY" "$WEB_APPS/ws_client.py" --url "ws://$SRV:$PORT/ws" --mode game \
  --clients $CLIENTS --duration $DUR --session-min 4 --session-max 40 --think-min 0.5 --think-max 6 \
  --ping-interval 0 --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" no "tcp,$SRV,$PORT,websocket"

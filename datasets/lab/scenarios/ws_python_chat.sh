#!/usr/bin/env bash
# ws_python_chat.sh -- instant-messaging WebSocket traffic, plain ws:// on a random high port.
# quick: yes
# lab: quick
# software: python3-websockets server + python3-websockets clients
# Server: ws_server.py (Python websockets) on 10.78.2.1:<port from seed>, /ws/chat (history on
# join, relayed messages, typing/presence/read receipts, protocol pings every 8 s).  Client host:
# ws_client.py with 14 concurrent users (sessions 5..150 s; sporadic messages; client protocol
# pings every 12 s), plus 2 server-push feed users.  Link 5 Mbit/s tbf.
# Capture: tcpdump -s 128 on the client's eth0 (pcap).
# Usage: ws_python_chat.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario ws_python_chat "$@"
DUR=${WEB_DUR:-200}; CLIENTS=14; [ "$QUICK" = 1 ] && { DUR=25; CLIENTS=3; }
SRV=10.78.2.1; CLI=10.78.2.11; PORT=$(web_port chat)

web_two_hosts websocket 5
web_log "$NAME: port $PORT; $(web_versions)"
lab_bg srv "$WORK/logs/server.log" "$WEB_PY" "$WEB_APPS/ws_server.py" --host $SRV --port "$PORT" \
  --seed "$SEED" --ping-interval 8 >/dev/null
web_wait_listen srv "$PORT"
cap=$(lab_capture_start cli "$CAP")
lab_bg cli "$WORK/logs/feed.log" "$WEB_PY" "$WEB_APPS/ws_client.py" --url "ws://$SRV:$PORT/ws" --mode feed \
  --clients 2 --duration $DUR --session-min 10 --session-max 120 --ping-interval 0 --seed "$((SEED + 50))" >/dev/null
lab_exec cli "$WEB_PY" "$WEB_APPS/ws_client.py" --url "ws://$SRV:$PORT/ws" --mode chat \
  --clients $CLIENTS --duration $DUR --session-min 5 --session-max 150 --think-min 0.5 --think-max 10 \
  --ping-interval 12 --seed "$SEED" 2> "$WORK/logs/client.log" || true
sleep 2
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" no "tcp,$SRV,$PORT,websocket"

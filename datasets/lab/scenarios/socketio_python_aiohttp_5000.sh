#!/usr/bin/env bash
# socketio_python_aiohttp_5000.sh -- Socket.IO on 5000 (python-socketio on aiohttp): polling flows are http, upgraded/WebSocket flows websocket.
# quick: yes
# software: apps/sio_server.py (python3-socketio / python3-engineio on aiohttp); apps/sio_users.py (python-socketio AsyncClient), apps/socketio/sio_client.js (npm socket.io-client)
# Server 10.78.212.1: sio_server.py on 5000 (plain HTTP).  Client host: sio_users.py with 6 users
# and sio_client.js with 3 users; each session one Socket.IO connection (5..40 s) of chat, feed
# or acknowledged RPC/upload, transports per session: polling then upgrade (the polling requests
# and the WebSocket are separate TCP connections), polling only, or WebSocket only.  Link 10 Mbit/s.
# Truth: the port is shared, so the rule is "web": a flow that shows a WebSocket upgrade (request
# header or 101 answer) is websocket, every other flow (Engine.IO long-polling) http.
# Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: socketio_python_aiohttp_5000.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME] [--duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/carrierlib.sh"
web_scenario socketio_python_aiohttp_5000 "$@"
DUR=${WEB_DUR:-80}; PY=6; JS=3; [ "$QUICK" = 1 ] && { DUR=20; PY=3; JS=2; }
SRV=10.78.212.1; CLI=10.78.212.11; PORT=5000
SIO="$WEB_APPS/socketio"

web_two_hosts websocket 10
web_log "$NAME: port $PORT; python-socketio $(car_deb python3-socketio) socket.io-client $(web_npm_version "$SIO" socket.io-client)"
lab_bg srv "$WORK/logs/sio.log" "$WEB_PY" "$WEB_APPS/sio_server.py" --host $SRV --port $PORT --seed "$SEED" >/dev/null
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP")
p1=$(lab_bg cli "$WORK/logs/js.log" node "$SIO/sio_client.js" --url "http://$SRV:$PORT" --clients $JS --duration $DUR \
  --seed "$SEED")
lab_exec cli "$WEB_PY" "$WEB_APPS/sio_users.py" --url "http://$SRV:$PORT" --clients $PY --duration $DUR \
  --seed "$SEED" 2> "$WORK/logs/client.log" || true
web_wait_pids 60 "$p1"
tail -1 "$WORK/logs/client.log" >&2; tail -1 "$WORK/logs/js.log" >&2
lab_capture_stop "$cap"
car_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" no python-socketio \
  "ws-server=python-socketio $(car_deb python3-socketio); ws-client=python-socketio $(car_deb python3-socketio); ws-client=socket.io-client $(web_npm_version "$SIO" socket.io-client)" \
  "tcp,$SRV,$PORT,web"

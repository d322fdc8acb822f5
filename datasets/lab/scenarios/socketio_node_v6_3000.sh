#!/usr/bin/env bash
# socketio_node_v6_3000.sh -- Socket.IO on 3000 over IPv6 (npm socket.io server): polling flows are http, upgraded/WebSocket flows websocket.
# quick: yes
# software: apps/socketio/sio_server.js (Node.js, npm socket.io); apps/socketio/sio_client.js (npm socket.io-client), apps/sio_users.py (python-socketio AsyncClient)
# Server fd78::213:1: sio_server.js on 3000 (plain HTTP).  Client host fd78::213:11: sio_client.js
# with 5 users and sio_users.py with 3; each session one Socket.IO connection (5..40 s) of chat,
# feed or acknowledged RPC/upload, transports per session: polling then upgrade, polling only, or
# WebSocket only.  Link 8 Mbit/s.  Truth rule "web": a flow that shows a WebSocket upgrade is
# websocket, the Engine.IO long-polling flows http.  Capture: dumpcap -s 128 on client eth0 (pcapng).
# Usage: socketio_node_v6_3000.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME] [--duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/carrierlib.sh"
web_scenario socketio_node_v6_3000 "$@"
DUR=${WEB_DUR:-80}; JS=5; PY=3; [ "$QUICK" = 1 ] && { DUR=20; JS=2; PY=2; }
PORT=3000
SIO="$WEB_APPS/socketio"

car_two_hosts_v6 213 websocket 8 pcapng
web_log "$NAME: port $PORT; socket.io $(web_npm_version "$SIO" socket.io) node $(node --version)"
lab_bg srv "$WORK/logs/sio.log" node "$SIO/sio_server.js" --host $SRV6 --port $PORT --seed "$SEED" >/dev/null
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP" --dumpcap)
p1=$(lab_bg cli "$WORK/logs/py.log" "$WEB_PY" "$WEB_APPS/sio_users.py" --url "http://[$SRV6]:$PORT" --clients $PY \
  --duration $DUR --seed "$((SEED + 7))")
lab_exec cli node "$SIO/sio_client.js" --url "http://[$SRV6]:$PORT" --clients $JS --duration $DUR \
  --seed "$SEED" 2> "$WORK/logs/client.log" || true
web_wait_pids 60 "$p1"
tail -1 "$WORK/logs/client.log" >&2; tail -1 "$WORK/logs/py.log" >&2
lab_capture_stop "$cap"; chmod 644 "$CAP"
car_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" no socket.io \
  "ws-server=socket.io $(web_npm_version "$SIO" socket.io); ws-client=socket.io-client $(web_npm_version "$SIO" socket.io-client); ws-client=python-socketio $(car_deb python3-socketio)" \
  "tcp,$SRV6,$PORT,web"

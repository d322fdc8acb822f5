#!/usr/bin/env bash
# ws_nginx_python_mix_80.sh -- many short WebSocket sessions of all app patterns through nginx on 80, plain ws://.
# quick: yes
# lab: quick
# software: nginx (WebSocket proxy) + python3-websockets backend; python3-websockets clients
# Server 10.78.55.1: nginx on 80 proxying /ws/ upgrades to ws_server.py (Python websockets,
# permessage-deflate on, protocol pings every 10 s) on loopback.  Client host: ws_client.py with
# 8 users, every session picking chat, chat bursts, RPC, telemetry, bulk binary transfers
# (15 kB .. 250 kB in 32 kB frames), dashboard, feed, game (15 Hz) or collab; sessions 2..25 s,
# think times 0.2..5 s (reconnect-heavy), client pings every 8 s.  Link 5 Mbit/s.
# Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: ws_nginx_python_mix_80.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario ws_nginx_python_mix_80 "$@"
DUR=${WEB_DUR:-100}; CLIENTS=8; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=3; }
SRV=10.78.55.1; CLI=10.78.55.11; PORT=80

web_two_hosts websocket 5
web_log "$NAME: port $PORT; $(web_versions)"
mkdir -p "$WORK/site"
web_ws_backend srv "$WORK/logs/ws.log" --ping-interval 10 --bulk-chunk 32768 >/dev/null
web_nginx_start srv 10 100 "$SRV:$PORT" >/dev/null
web_wait_listen srv $PORT; web_wait_listen srv 9001
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_PY" "$WEB_APPS/ws_client.py" --url "ws://$SRV:$PORT/ws" \
  --mode chat,burst,rpc,telemetry,bulk,dash,feed,game,collab --hz 15 \
  --clients $CLIENTS --duration $DUR --session-min 2 --session-max 25 --think-min 0.2 --think-max 5 \
  --bulk-chunk 32768 --bulk-min 15000 --bulk-max 250000 --ping-interval 8 --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" no "tcp,$SRV,$PORT,websocket"

#!/usr/bin/env bash
# wss_python_collab.sh -- collaborative document editing over TLS WebSocket (wss://) on port 51413.
# quick: yes
# lab: quick
# software: python3-websockets server (Python ssl) + python3-websockets clients
# Server: ws_server.py (Python websockets, Python ssl, lab self-signed cert) on 10.78.5.1:51413,
# /ws/collab (document snapshot on join, per-op acks, ops relayed to co-editors, periodic full
# snapshots every 10..40 s, protocol pings every 25 s).  Client host: ws_client.py with 6 editors
# (bursts of keystroke-sized deltas at 2..7 ops/s, idle pauses, pastes, periodic saves; sessions
# 6..60 s) plus 2 chat users.  Link 100 Mbit/s.  Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: wss_python_collab.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario wss_python_collab "$@"
DUR=${WEB_DUR:-150}; CLIENTS=6; [ "$QUICK" = 1 ] && { DUR=25; CLIENTS=3; }
SRV=10.78.5.1; CLI=10.78.5.11; PORT=51413

web_two_hosts websocket 100
web_log "$NAME: port $PORT; $(web_versions)"
web_certs $SRV
lab_bg srv "$WORK/logs/server.log" "$WEB_PY" "$WEB_APPS/ws_server.py" --host $SRV --port $PORT \
  --cert "$WORK/certs/server.crt" --key "$WORK/certs/server.key" --seed "$SEED" --ping-interval 25 >/dev/null
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP")
lab_bg cli "$WORK/logs/chat.log" "$WEB_PY" "$WEB_APPS/ws_client.py" --url "wss://$SRV:$PORT/ws" --mode chat \
  --cafile "$WORK/certs/ca.crt" --clients 2 --duration $DUR --session-min 10 --session-max 100 \
  --ping-interval 20 --seed "$((SEED + 50))" >/dev/null
lab_exec cli "$WEB_PY" "$WEB_APPS/ws_client.py" --url "wss://$SRV:$PORT/ws" --mode collab \
  --cafile "$WORK/certs/ca.crt" --clients $CLIENTS --duration $DUR --session-min 6 --session-max 60 \
  --think-min 0.5 --think-max 8 --ping-interval 0 --seed "$SEED" 2> "$WORK/logs/client.log" || true
sleep 2
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$PORT,websocket"

#!/usr/bin/env bash
# ws_python_mix_nano.sh -- many short WebSocket sessions of mixed apps, plain ws://, nanosecond pcap.
# quick: yes
# lab: quick
# software: python3-websockets server + python3-websockets clients
# Server: ws_server.py (Python websockets, permessage-deflate off) on 10.78.14.1:<random high port>,
# chat / collab / feed apps, protocol pings every 5 s.  Client host: ws_client.py with 10 users
# (compression off), each session picking chat, collab or feed, sessions 2..30 s with short
# think times (reconnect-heavy apps: page reloads, mobile clients).  Link 2 Mbit/s.
# Capture: tcpdump -s 128 --time-stamp-precision=nano on client eth0 (pcap, ns timestamps).
# Usage: ws_python_mix_nano.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario ws_python_mix_nano "$@"
DUR=120; CLIENTS=10; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=4; }
SRV=10.78.14.1; CLI=10.78.14.11; PORT=$(web_port mix)
mkdir -p "$OUT/websocket"
CAP="$OUT/websocket/$NAME.pcap"

lab_switch_create sw
lab_host_add sw srv $SRV/16 - 2
lab_host_add sw cli $CLI/16 - 2
web_log "$NAME: port $PORT; $(web_versions)"
lab_bg srv "$WORK/logs/server.log" "$WEB_PY" "$WEB_APPS/ws_server.py" --host $SRV --port "$PORT" \
  --seed "$SEED" --ping-interval 5 --no-compression >/dev/null
web_wait_listen srv "$PORT"
cap=$(lab_capture_start cli "$CAP" --time-stamp-precision=nano)
lab_exec cli "$WEB_PY" "$WEB_APPS/ws_client.py" --url "ws://$SRV:$PORT/ws" --mode chat,collab,feed \
  --clients $CLIENTS --duration $DUR --session-min 2 --session-max 30 --think-min 0.2 --think-max 4 \
  --no-compression --ping-interval 0 --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" no "tcp,$SRV,$PORT,websocket"

#!/usr/bin/env bash
# ws_lighttpd_python_rpc_mix.sh -- short, request/response-heavy WebSocket sessions of mixed apps, plain ws:// through lighttpd on a random high port.
# quick: yes
# lab: quick
# software: lighttpd (mod_proxy, WebSocket upgrade) + python3-websockets server; python3-websockets clients
# Server 10.78.73.1: lighttpd (plain, keep-alive idle 10 s) on a random high port, passing /ws/
# upgrades (mod_proxy) to ws_server.py (Python websockets, compression off, protocol pings every
# 10 s) on loopback.  Client host: ws_client.py with 8 users (compression off), every session
# picking RPC (twice as likely; calls 0.1..2 s apart), chat, chat bursts, collab, feed or
# telemetry; sessions 2..25 s, think times 0.2..4 s (reconnect-heavy).  Link 6 Mbit/s.
# Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: ws_lighttpd_python_rpc_mix.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario ws_lighttpd_python_rpc_mix "$@"
DUR=${WEB_DUR:-100}; CLIENTS=8; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=3; }
SRV=10.78.73.1; CLI=10.78.73.11; PORT=$(web_port lws)

web_two_hosts websocket 6
web_log "$NAME: port $PORT; $(web_versions)"
mkdir -p "$WORK/site"
web_ws_backend srv "$WORK/logs/ws.log" --ping-interval 10 --no-compression >/dev/null
web_lighttpd_start srv $SRV "$PORT" disable 10 100 >/dev/null
web_wait_listen srv "$PORT"; web_wait_listen srv 9001
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_PY" "$WEB_APPS/ws_client.py" --url "ws://$SRV:$PORT/ws" \
  --mode rpc,rpc,chat,burst,collab,feed,telemetry --rpc-think-max 2 \
  --clients $CLIENTS --duration $DUR --session-min 2 --session-max 25 --think-min 0.2 --think-max 4 \
  --no-compression --ping-interval 0 --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" no "tcp,$SRV,$PORT,websocket"

#!/usr/bin/env bash
# grpc_grpcjs_plain_50052.sh -- gRPC over cleartext HTTP/2 (h2c prior knowledge) on 50052 from a second implementation: @grpc/grpc-js server (pure JavaScript on Node's http2), grpc-js and grpcio users, unary and streaming calls.
# quick: yes
# software: apps/grpc_node/grpc_lab.js server (@grpc/grpc-js on Node.js http2); apps/grpc_node/grpc_lab.js client (@grpc/grpc-js); apps/grpc_lab.py client (grpcio, python3-grpcio)
# Server 10.78.232.1: grpc_lab.js server on 50052 without TLS (the services of apps/grpc_lab.py:
# Store/Get unary, Feed/Watch server streaming, Telemetry/Upload client streaming, Chat/Talk
# bidirectional; JSON message bodies).  Client host 10.78.232.11: grpc_lab.js client with 6 users
# and grpc_lab.py client (grpcio's C core) with 4 users at once; each session is one channel (one
# TCP connection) of one mode for 3..20 s: unary Get calls with think times, a server-streaming
# Watch, client-streaming uploads, or a bidirectional chat.  Link 20 Mbit/s.
# Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: grpc_grpcjs_plain_50052.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME] [--duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/carrierlib.sh"
web_scenario grpc_grpcjs_plain_50052 "$@"
DUR=${WEB_DUR:-90}; JS=6; PY=4; [ "$QUICK" = 1 ] && { DUR=20; JS=2; PY=2; }
SRV=10.78.232.1; CLI=10.78.232.11; PORT=50052
GN="$WEB_APPS/grpc_node"

web_two_hosts http 20
JV=$(web_npm_version "$GN" @grpc/grpc-js); GV=$(car_deb python3-grpcio)
web_log "$NAME: port $PORT; grpc-js $JV (node $(node --version)), grpcio $GV"
lab_bg srv "$WORK/logs/grpc-js.log" node "$GN/grpc_lab.js" server --host $SRV --port $PORT --seed "$SEED" >/dev/null
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP")
lab_exec cli node "$GN/grpc_lab.js" client --target "$SRV:$PORT" --clients $JS --duration $DUR \
  --session-min 3 --session-max 20 --gap-max 4 --seed "$SEED" 2> "$WORK/logs/client-js.log" &
js=$!
lab_exec cli "$WEB_PY" "$WEB_APPS/grpc_lab.py" client --target "$SRV:$PORT" --clients $PY --duration $DUR \
  --session-min 3 --session-max 20 --gap-max 4 --seed "$SEED" 2> "$WORK/logs/client.log" || true
wait "$js" || true
tail -n 5 "$WORK/logs/client-js.log" >&2; tail -n 5 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
car_truth "$OUT/http/$NAME.truth.csv" "$NAME" no grpc-js \
  "http-server=grpc-js $JV; http-client=grpc-js $JV; http-client=grpcio $GV" \
  "tcp,$SRV,$PORT,http"

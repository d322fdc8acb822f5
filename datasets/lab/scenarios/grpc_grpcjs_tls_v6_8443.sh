#!/usr/bin/env bash
# grpc_grpcjs_tls_v6_8443.sh -- gRPC over TLS (h2 by ALPN) on 8443, IPv6, from a second implementation: @grpc/grpc-js server (Node's http2 and TLS), grpc-js and grpcio users, mostly streaming.
# quick: yes
# software: apps/grpc_node/grpc_lab.js server (@grpc/grpc-js on Node.js http2, TLS by Node's OpenSSL); apps/grpc_node/grpc_lab.js client (@grpc/grpc-js); apps/grpc_lab.py client (grpcio, TLS by its BoringSSL)
# Server fd78::233:1: grpc_lab.js server on 8443 with the lab self-signed cert (the services of
# apps/grpc_lab.py).  Client host fd78::233:11: grpc_lab.js client with 8 users and grpc_lab.py
# client with 4 users at once, sessions (one channel, one TCP connection each, 3..20 s) weighted
# towards streams: server-streaming Watch, bidirectional chat, client-streaming uploads, and unary
# Get calls.  Link 10 Mbit/s.  Capture: dumpcap -s 128 on client eth0 (pcapng).
# Usage: grpc_grpcjs_tls_v6_8443.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME] [--duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/carrierlib.sh"
web_scenario grpc_grpcjs_tls_v6_8443 "$@"
DUR=${WEB_DUR:-90}; JS=8; PY=4; [ "$QUICK" = 1 ] && { DUR=20; JS=2; PY=2; }
PORT=8443
GN="$WEB_APPS/grpc_node"
MODES=watch,chat,upload,watch,chat,unary

car_two_hosts_v6 233 http 10 pcapng
JV=$(web_npm_version "$GN" @grpc/grpc-js); GV=$(car_deb python3-grpcio)
web_log "$NAME: port $PORT; grpc-js $JV (node $(node --version)), grpcio $GV"
web_certs $SRV6
lab_bg srv "$WORK/logs/grpc-js.log" node "$GN/grpc_lab.js" server --host $SRV6 --port $PORT \
  --cert "$WORK/certs/server.crt" --key "$WORK/certs/server.key" --seed "$SEED" >/dev/null
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP" --dumpcap)
lab_exec cli node "$GN/grpc_lab.js" client --target "[$SRV6]:$PORT" --cafile "$WORK/certs/ca.crt" --clients $JS \
  --duration $DUR --mode $MODES --session-min 3 --session-max 20 --gap-max 4 --seed "$SEED" 2> "$WORK/logs/client-js.log" &
js=$!
lab_exec cli "$WEB_PY" "$WEB_APPS/grpc_lab.py" client --target "[$SRV6]:$PORT" --cafile "$WORK/certs/ca.crt" \
  --clients $PY --duration $DUR --mode $MODES --session-min 3 --session-max 20 --gap-max 4 \
  --seed "$SEED" 2> "$WORK/logs/client.log" || true
wait "$js" || true
tail -n 5 "$WORK/logs/client-js.log" >&2; tail -n 5 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"; chmod 644 "$CAP"
car_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes grpc-js \
  "http-server=grpc-js $JV; http-client=grpc-js $JV; http-client=grpcio $GV" \
  "tcp,$SRV6,$PORT,http"

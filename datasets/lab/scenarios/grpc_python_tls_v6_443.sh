#!/usr/bin/env bash
# grpc_python_tls_v6_443.sh -- gRPC over TLS (h2 by ALPN) on 443, IPv6: grpcio server and users, mostly streaming.
# quick: yes
# software: apps/grpc_lab.py server (grpcio, TLS by grpcio's BoringSSL); apps/grpc_lab.py client (grpcio)
# Server fd78::207:1: grpc_lab.py server on 443 with the lab self-signed cert.  Client host
# fd78::207:11: grpc_lab.py client with 5 users, sessions (one channel each, 6..40 s) weighted
# towards streams: server-streaming Watch, bidirectional chat, client-streaming uploads, and
# unary Get calls.  Link 10 Mbit/s.  Capture: dumpcap -s 128 on client eth0 (pcapng).
# Usage: grpc_python_tls_v6_443.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME] [--duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/carrierlib.sh"
web_scenario grpc_python_tls_v6_443 "$@"
DUR=${WEB_DUR:-75}; CLIENTS=5; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=3; }
PORT=443

car_two_hosts_v6 207 http 10 pcapng
GV=$(car_deb python3-grpcio)
web_log "$NAME: port $PORT; grpcio $GV"
web_certs $SRV6
lab_bg srv "$WORK/logs/grpc.log" "$WEB_PY" "$WEB_APPS/grpc_lab.py" server --host $SRV6 --port $PORT \
  --cert "$WORK/certs/server.crt" --key "$WORK/certs/server.key" --seed "$SEED" >/dev/null
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP" --dumpcap)
lab_exec cli "$WEB_PY" "$WEB_APPS/grpc_lab.py" client --target "[$SRV6]:$PORT" --cafile "$WORK/certs/ca.crt" \
  --clients $CLIENTS --duration $DUR --mode watch,chat,upload,watch,chat,unary --session-min 6 --session-max 40 \
  --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"; chmod 644 "$CAP"
car_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes grpcio "http-server=grpcio $GV; http-client=grpcio $GV" \
  "tcp,$SRV6,$PORT,http"

#!/usr/bin/env bash
# grpc_python_plain_50051.sh -- gRPC over cleartext HTTP/2 (h2c prior knowledge) on 50051: grpcio server and users, unary and streaming calls.
# quick: yes
# software: apps/grpc_lab.py server (grpcio, python3-grpcio); apps/grpc_lab.py client (grpcio)
# Server 10.78.206.1: grpc_lab.py server on 50051 without TLS.  Client host: grpc_lab.py client with
# 6 users; each session is one channel (one TCP connection) of one mode for 4..25 s: unary Get
# calls with think times, a server-streaming Watch (events every 0.05..2 s), client-streaming
# telemetry uploads, or a bidirectional chat stream.  Link 20 Mbit/s.
# Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: grpc_python_plain_50051.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME] [--duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/carrierlib.sh"
web_scenario grpc_python_plain_50051 "$@"
DUR=${WEB_DUR:-75}; CLIENTS=6; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=3; }
SRV=10.78.206.1; CLI=10.78.206.11; PORT=50051

web_two_hosts http 20
GV=$(car_deb python3-grpcio)
web_log "$NAME: port $PORT; grpcio $GV"
lab_bg srv "$WORK/logs/grpc.log" "$WEB_PY" "$WEB_APPS/grpc_lab.py" server --host $SRV --port $PORT --seed "$SEED" >/dev/null
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_PY" "$WEB_APPS/grpc_lab.py" client --target "$SRV:$PORT" --clients $CLIENTS --duration $DUR \
  --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
car_truth "$OUT/http/$NAME.truth.csv" "$NAME" no grpcio "http-server=grpcio $GV; http-client=grpcio $GV" \
  "tcp,$SRV,$PORT,http"

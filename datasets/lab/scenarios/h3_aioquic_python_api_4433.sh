#!/usr/bin/env bash
# h3_aioquic_python_api_4433.sh -- HTTP/3 API traffic on UDP 4433: many short aioquic sessions (API calls, long-polls, uploads) against the aioquic H3 server.
# quick: yes
# software: apps/h3_server.py (aioquic H3 server, TLS 1.3 in QUIC); apps/h3_client.py (aioquic clients)
# Server 10.78.217.1: h3_server.py on UDP 4433 (lab self-signed cert, API and small site).
# Client host: h3_client.py with 8 users, every session one QUIC connection of 2..12 s (API calls
# of /api/items and /api/status, long-polls of up to 15 s, uploads 1..30 kB), think times
# 0.2..3 s, pauses 0.3..4 s between sessions.  Link 8 Mbit/s.
# Capture: dumpcap -s 128 on client eth0 (pcapng).
# Usage: h3_aioquic_python_api_4433.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME] [--duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/carrierlib.sh"
web_scenario h3_aioquic_python_api_4433 "$@"
DUR=${WEB_DUR:-70}; CLIENTS=8; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=3; }
SRV=10.78.217.1; CLI=10.78.217.11; PORT=4433

web_two_hosts http 8 pcapng
AQ=$(car_py "$CAR_H3_PY" aioquic)
web_log "$NAME: udp port $PORT; aioquic $AQ"
web_certs $SRV
web_site --seed "$SEED" --pages 3 --scale 0.1
lab_bg srv "$WORK/logs/h3.log" "$CAR_H3_PY" "$WEB_APPS/h3_server.py" --host $SRV --port $PORT \
  --cert "$WORK/certs/server.crt" --key "$WORK/certs/server.key" --root "$WORK/site" --seed "$SEED" >/dev/null
sleep 1.5
cap=$(lab_capture_start cli "$CAP" --dumpcap)
lab_exec cli "$CAR_H3_PY" "$WEB_APPS/h3_client.py" --host $SRV --port $PORT --cafile "$WORK/certs/ca.crt" \
  --clients $CLIENTS --duration $DUR --mode api,api,poll,upload --up-min 1000 --up-max 30000 \
  --session-min 2 --session-max 12 --think-min 0.2 --think-max 3 --gap-min 0.3 --gap-max 4 --seed "$SEED" \
  2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"; chmod 644 "$CAP"
car_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes aioquic "http-server=aioquic $AQ; http-client=aioquic $AQ" \
  "udp,$SRV,$PORT,http"

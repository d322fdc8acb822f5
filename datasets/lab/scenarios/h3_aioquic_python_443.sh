#!/usr/bin/env bash
# h3_aioquic_python_443.sh -- HTTP/3 over QUIC (UDP 443): aioquic users against the lab's aioquic H3 server.
# quick: yes
# software: apps/h3_server.py (aioquic H3 server, TLS 1.3 in QUIC) serving the generated site + API; apps/h3_client.py (aioquic clients)
# Server 10.78.200.1: h3_server.py on UDP 443 (lab self-signed cert, site of 6 pages from
# gen_site.py, /api/items|status|poll|upload, /dl/<N>).  Client host: h3_client.py with 4 users;
# every session is one QUIC connection (5..20 s) of one mode: page loads (page + assets as
# parallel streams), small API calls, long-polls, uploads 2 kB .. 60 kB, downloads 20 kB .. 150 kB;
# think times 0.3..5 s.  Link 20 Mbit/s.  Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: h3_aioquic_python_443.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME] [--duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/carrierlib.sh"
web_scenario h3_aioquic_python_443 "$@"
DUR=${WEB_DUR:-60}; CLIENTS=4; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=2; }
SRV=10.78.200.1; CLI=10.78.200.11; PORT=443

web_two_hosts http 20
AQ=$(car_py "$CAR_H3_PY" aioquic)
web_log "$NAME: udp port $PORT; aioquic $AQ"
web_certs $SRV
web_site --seed "$SEED" --pages 6 --scale 0.15
lab_bg srv "$WORK/logs/h3.log" "$CAR_H3_PY" "$WEB_APPS/h3_server.py" --host $SRV --port $PORT \
  --cert "$WORK/certs/server.crt" --key "$WORK/certs/server.key" --root "$WORK/site" --seed "$SEED" >/dev/null
sleep 1.5
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$CAR_H3_PY" "$WEB_APPS/h3_client.py" --host $SRV --port $PORT --cafile "$WORK/certs/ca.crt" \
  --clients $CLIENTS --duration $DUR --pages 6 --dl-sizes 20000,60000,150000 --up-max 60000 --session-max 20 --seed "$SEED" \
  2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
car_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes aioquic "http-server=aioquic $AQ; http-client=aioquic $AQ" \
  "udp,$SRV,$PORT,http"

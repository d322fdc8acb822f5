#!/usr/bin/env bash
# h3_aioquic_chromium_v6_8443.sh -- HTTP/3 over IPv6 on UDP 8443: Chromium (forced onto QUIC) and aioquic API users against the aioquic H3 server.
# quick: yes
# software: apps/h3_server.py (aioquic H3 server); chromium (QUIC forced, --origin-to-force-quic-on); apps/h3_client.py (aioquic)
# Server fd78::201:1: h3_server.py on UDP 8443 (lab self-signed cert, site of 5 pages, API).
# Client host fd78::201:11: sequential headless Chromium runs forced onto QUIC for the origin
# (page tours with think times up to 8 s, or the long-poll page), and alongside 3 aioquic users
# doing short sessions (3..15 s) of API calls, long-polls and uploads.  Link 15 Mbit/s.
# Chromium also opens TCP connections to the origin, refused (nothing listens on TCP 8443): ignore.
# Capture: dumpcap -s 128 on client eth0 (pcapng).
# Usage: h3_aioquic_chromium_v6_8443.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME] [--duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/carrierlib.sh"
web_scenario h3_aioquic_chromium_v6_8443 "$@"
RUNS=4; T=30; [ "$QUICK" = 1 ] && { RUNS=2; T=15; }
[ -n "$WEB_DUR" ] && RUNS=$((WEB_DUR / (T + 7)))
DUR=$((RUNS * (T + 7)))
PORT=8443

car_two_hosts_v6 201 http 15 pcapng
AQ=$(car_py "$CAR_H3_PY" aioquic)
web_log "$NAME: udp port $PORT; aioquic $AQ chromium $(car_deb chromium)"
web_certs $SRV6
web_site --seed "$SEED" --pages 5 --scale 0.15
lab_bg srv "$WORK/logs/h3.log" "$CAR_H3_PY" "$WEB_APPS/h3_server.py" --host $SRV6 --port $PORT \
  --cert "$WORK/certs/server.crt" --key "$WORK/certs/server.key" --root "$WORK/site" --seed "$SEED" >/dev/null
sleep 1.5
cap=$(lab_capture_start cli "$CAP" --dumpcap)
p1=$(lab_bg cli "$WORK/logs/client.log" "$CAR_H3_PY" "$WEB_APPS/h3_client.py" --host $SRV6 --port $PORT \
  --cafile "$WORK/certs/ca.crt" --clients 3 --duration $DUR --mode api,poll,upload --session-min 3 --session-max 15 \
  --think-min 0.2 --think-max 3 --up-min 1000 --up-max 60000 --seed "$SEED")
car_h3_browser_runs chromium $RUNS $T "[$SRV6]:$PORT"
web_wait_pids 60 "$p1"
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"; chmod 644 "$CAP"
car_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes aioquic \
  "http-server=aioquic $AQ; http-client=chromium $(car_deb chromium); http-client=aioquic $AQ" \
  "udp,$SRV6,$PORT,http" "tcp,$SRV6,$PORT,ignore"

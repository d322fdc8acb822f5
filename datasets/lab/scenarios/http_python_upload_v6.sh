#!/usr/bin/env bash
# http_python_upload_v6.sh -- uploads (POST), downloads and API calls to a Python aiohttp server over IPv6.
# quick: yes
# lab: quick
# software: aiohttp server; curl, Python http.client
# Server: http_api.py (aiohttp) directly on [fd78::8:1]:<random high port> (plain HTTP/1.1):
# POST /api/upload (raw or multipart bodies of 5 kB .. 1 MB), GET /dl/<size>, /api/status, /api/items.
# Client host [fd78::8:11]: http_client.py with 3 users: curl uploads (raw --data-binary or -F
# multipart), curl downloads, and REST polling with Python http.client keep-alive.  Addresses are
# IPv6 only on the wire (IPv4 addresses exist but are unused).  Link 25 Mbit/s; the client sits behind the user-space WAN link (apps/wan_link.py, no jitter or loss; the committed capture was recorded with its constant-delay predecessor) adding 25 ms each way (RTT about 50 ms).
# Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: http_python_upload_v6.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario http_python_upload_v6 "$@"
DUR=80; CLIENTS=3; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=2; }
SRV6=fd78::8:1; CLI6=fd78::8:11; PORT=$(web_port upload)
mkdir -p "$OUT/http"
CAP="$OUT/http/$NAME.pcap"

lab_switch_create sw
lab_host_add sw srv 10.78.9.1/16 $SRV6/64 25; web_csum_off srv
web_delay_host sw cli 10.78.9.11/16 $CLI6/64 25 25
web_log "$NAME: port $PORT; $(web_versions)"
lab_bg srv "$WORK/logs/api.log" "$WEB_PY" "$WEB_APPS/http_api.py" --host $SRV6 --port "$PORT" --seed "$SEED" >/dev/null
web_wait_listen srv "$PORT"
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_PY" "$WEB_APPS/http_client.py" --base "http://[$SRV6]:$PORT" --mode upload,upload,upload,download,poll \
  --clients $CLIENTS --duration $DUR --dl-sizes 30000,200000,800000 --up-min 5000 --up-max 1000000 \
  --session-min 5 --session-max 40 --think-min 1 --think-max 10 --tmp "$WORK/tmp" --seed "$SEED" \
  2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" no "tcp,$SRV6,$PORT,http"

#!/usr/bin/env bash
# https_python_ssl_api_443.sh -- small REST API calls over TLS from Python (urllib, http.client) and curl to an aiohttp TLS server.
# quick: yes
# lab: quick
# software: aiohttp server (Python ssl); Python urllib.request + http.client (OpenSSL), curl
# Server 10.78.41.1: http_api.py (aiohttp) terminating TLS itself (Python ssl, lab self-signed cert)
# on 443, no reverse proxy.  Client host: http_client.py with 4 users mixing API sessions (bursts
# of 1..5 GET/POST JSON calls, 50 B .. 8 kB bodies, by keep-alive http.client, urllib.request with
# a new TLS connection per call, or one curl process per call), REST polling every 1..6 s (60 % of
# the keep-alive sessions via urllib, new connection per poll), POST uploads (1 kB .. 300 kB) and
# downloads of 10 kB .. 400 kB.  Link 5 Mbit/s.  Capture: dumpcap -s 128 on client eth0 (pcapng).
# Usage: https_python_ssl_api_443.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario https_python_ssl_api_443 "$@"
DUR=100; CLIENTS=4; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=2; }
SRV=10.78.41.1; CLI=10.78.41.11; PORT=443
mkdir -p "$OUT/http"
CAP="$OUT/http/$NAME.pcapng"

lab_switch_create sw
lab_host_add sw srv $SRV/16 - 5
lab_host_add sw cli $CLI/16 - 5
web_log "$NAME: port $PORT; $(web_versions)"
web_certs $SRV
web_api_backend srv "$WORK/logs/api.log" --host $SRV --port $PORT --cert "$WORK/certs/server.crt" \
  --key "$WORK/certs/server.key" --event-mean 5 >/dev/null
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP" --dumpcap)
lab_exec cli "$WEB_PY" "$WEB_APPS/http_client.py" --base "https://$SRV:$PORT" \
  --mode api,api,api,poll,upload,download --api-clients keepalive,urllib,urllib,curl --urllib-frac 0.6 \
  --curl-frac 0.2 --poll-min 1 --poll-max 6 --cacert "$WORK/certs/ca.crt" --clients $CLIENTS --duration $DUR \
  --dl-template '/dl/{size}' --dl-sizes 10000,40000,120000,400000 --up-min 1000 --up-max 300000 \
  --session-min 5 --session-max 40 --think-min 0.5 --think-max 10 --tmp "$WORK/tmp" --seed "$SEED" \
  2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"; chmod 644 "$CAP"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$PORT,http"

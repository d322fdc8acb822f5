#!/usr/bin/env bash
# https_nginx_python_api_6881.sh -- small REST API calls and polling over TLS from Python (http.client keep-alive, urllib) through nginx on 6881.
# quick: yes
# lab: quick
# software: nginx (TLS, HTTP/1.1) + aiohttp API backend; Python urllib.request + http.client (OpenSSL)
# Server 10.78.70.1: nginx (TLS, lab self-signed cert, no HTTP/2, keepalive_timeout 20 s) on 6881,
# proxying /api/ unbuffered to http_api.py (aiohttp; events Poisson, mean gap 6 s) on loopback.
# Client host: http_client.py with 5 users mixing API sessions (bursts of 1..5 GET/POST JSON calls
# by keep-alive http.client or urllib.request with a new TLS connection per call), REST polling
# every 1..8 s (60 % of the sessions via urllib, new connection per poll) and http.client POST
# uploads of 0.5 .. 20 kB; no curl.  Link 8 Mbit/s.  Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: https_nginx_python_api_6881.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario https_nginx_python_api_6881 "$@"
DUR=${WEB_DUR:-100}; CLIENTS=5; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=2; }
SRV=10.78.70.1; CLI=10.78.70.11; PORT=6881

web_two_hosts http 8
web_log "$NAME: port $PORT; $(web_versions)"
web_certs $SRV
mkdir -p "$WORK/site"
web_api_backend srv "$WORK/logs/api.log" --event-mean 6 >/dev/null
web_nginx_start srv 20 1000 "$SRV:$PORT ssl" >/dev/null
web_wait_listen srv $PORT; web_wait_listen srv 9002
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_PY" "$WEB_APPS/http_client.py" --base "https://$SRV:$PORT" \
  --mode api,api,api,poll,poll,pyupload --api-clients keepalive,urllib,urllib --urllib-frac 0.6 \
  --curl-frac 0 --poll-min 1 --poll-max 8 --cacert "$WORK/certs/ca.crt" --clients $CLIENTS --duration $DUR \
  --up-min 500 --up-max 20000 \
  --session-min 4 --session-max 35 --think-min 0.5 --think-max 8 --tmp "$WORK/tmp" --seed "$SEED" \
  2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$PORT,http"

#!/usr/bin/env bash
# http_aiohttp_python_api_51413.sh -- REST API sessions, polling and uploads over plain HTTP from Python (http.client keep-alive, urllib) straight to aiohttp on 51413 (port swap).
# quick: yes
# lab: quick
# software: aiohttp (http_api.py, no proxy); Python urllib.request + http.client
# Server 10.78.83.1: http_api.py (aiohttp's own HTTP/1.1 server, keep-alive 75 s default; events
# Poisson, mean gap 4 s) listening on 51413, the Transmission port.  Client host: http_client.py
# with 5 users mixing API sessions (bursts of JSON calls by keep-alive http.client or
# urllib.request, new connection per call), REST polling every 1..6 s (60 % via urllib),
# http.client POST uploads of 1 .. 40 kB; no curl.  Link 8 Mbit/s.  Capture: tcpdump -s 128 on
# client eth0 (pcap).
# Usage: http_aiohttp_python_api_51413.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario http_aiohttp_python_api_51413 "$@"
DUR=${WEB_DUR:-90}; CLIENTS=5; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=2; }
SRV=10.78.83.1; CLI=10.78.83.11; PORT=51413

web_two_hosts http 8
web_log "$NAME: port $PORT; $(web_versions)"
web_api_backend srv "$WORK/logs/api.log" --host $SRV --port $PORT --event-mean 4 >/dev/null
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_PY" "$WEB_APPS/http_client.py" --base "http://$SRV:$PORT" \
  --mode api,api,api,poll,poll,pyupload --api-clients keepalive,urllib,urllib --urllib-frac 0.6 \
  --curl-frac 0 --poll-min 1 --poll-max 6 --clients $CLIENTS --duration $DUR \
  --up-min 1000 --up-max 40000 \
  --session-min 4 --session-max 30 --think-min 0.5 --think-max 6 --tmp "$WORK/tmp" --seed "$SEED" \
  2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" no "tcp,$SRV,$PORT,http"

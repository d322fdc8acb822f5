#!/usr/bin/env bash
# http_lighttpd_python_api_6969.sh -- REST API sessions, polling and uploads over plain HTTP from Python (http.client keep-alive, urllib) through lighttpd on 6969 (tracker port).
# quick: yes
# lab: quick
# software: lighttpd (mod_proxy) + aiohttp API backend; Python urllib.request + http.client
# Server 10.78.82.1: lighttpd (plain HTTP/1.1, keep-alive 8 s / 1000 requests) on 6969, the
# common BitTorrent tracker port, proxying /api/ to http_api.py (aiohttp; events Poisson, mean
# gap 6 s) on loopback.  Client host: http_client.py with 5 users mixing API sessions (bursts of
# JSON calls by keep-alive http.client or urllib.request, new connection per call), REST polling
# every 1..7 s (half via urllib), http.client POST uploads of 0.5 .. 30 kB; no curl.
# Link 6 Mbit/s.  Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: http_lighttpd_python_api_6969.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario http_lighttpd_python_api_6969 "$@"
DUR=${WEB_DUR:-90}; CLIENTS=5; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=2; }
SRV=10.78.82.1; CLI=10.78.82.11; PORT=6969

web_two_hosts http 6
web_log "$NAME: port $PORT; $(web_versions)"
mkdir -p "$WORK/site"
web_api_backend srv "$WORK/logs/api.log" --event-mean 6 >/dev/null
web_lighttpd_start srv $SRV $PORT disable 8 1000 >/dev/null
web_wait_listen srv $PORT; web_wait_listen srv 9002
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_PY" "$WEB_APPS/http_client.py" --base "http://$SRV:$PORT" \
  --mode api,api,api,poll,poll,pyupload --api-clients keepalive,urllib --urllib-frac 0.5 \
  --curl-frac 0 --poll-min 1 --poll-max 7 --clients $CLIENTS --duration $DUR \
  --up-min 500 --up-max 30000 \
  --session-min 4 --session-max 30 --think-min 0.5 --think-max 7 --tmp "$WORK/tmp" --seed "$SEED" \
  2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" no "tcp,$SRV,$PORT,http"

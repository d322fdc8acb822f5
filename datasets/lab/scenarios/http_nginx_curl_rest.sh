#!/usr/bin/env bash
# http_nginx_curl_rest.sh -- REST API polling and small page fetches over plain HTTP on port 80.
# quick: yes
# lab: quick
# software: nginx + aiohttp API backend; curl, Python http.client
# Server: nginx (HTTP/1.1, keepalive_timeout 15 s) on 10.78.4.1:80 serving the site and proxying
# /api/ to http_api.py (aiohttp) on the server's loopback.  Client host: http_client.py with 6 users
# mixing REST polling of /api/status + /api/items (a keep-alive Python http.client connection polling
# every 1..10 s for 10..90 s, or one curl process per poll), curl page fetches with parallel asset
# downloads, and small curl downloads.  Link 10 Mbit/s.  Capture: tcpdump -s 128 on client eth0.
# Usage: http_nginx_curl_rest.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario http_nginx_curl_rest "$@"
DUR=${WEB_DUR:-180}; CLIENTS=6; [ "$QUICK" = 1 ] && { DUR=25; CLIENTS=3; }
SRV=10.78.4.1; CLI=10.78.4.11; PORT=80

web_two_hosts http 10
web_log "$NAME: port $PORT; $(web_versions)"
web_site --seed "$SEED" --pages 8 --scale 0.3
web_api_backend srv "$WORK/logs/api.log" --event-mean 6 >/dev/null
web_nginx_start srv 15 100 "$SRV:$PORT" >/dev/null
web_wait_listen srv "$PORT"; web_wait_listen srv 9002
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_PY" "$WEB_APPS/http_client.py" --base "http://$SRV:$PORT" --mode poll,poll,poll,poll,pages,download \
  --clients $CLIENTS --duration $DUR --pages 8 --dl-template '/dlx/{size}' --dl-sizes 20000,80000,250000 \
  --session-min 10 --session-max 90 --tmp "$WORK/tmp" --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" no "tcp,$SRV,$PORT,http"

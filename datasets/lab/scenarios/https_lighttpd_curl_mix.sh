#!/usr/bin/env bash
# https_lighttpd_curl_mix.sh -- curl against lighttpd over HTTPS on 443: pages, downloads, API, uploads; pcapng.
# quick: yes
# lab: quick
# software: lighttpd (TLS) + aiohttp API backend; curl, Python http.client
# Server 10.78.12.1: lighttpd (mod_openssl, lab self-signed cert, keep-alive idle 8 s) on 443 serving
# the site and files of 20 kB .. 1.5 MB, and proxying /api/ (mod_proxy) to http_api.py (aiohttp) on
# loopback.  Client host: http_client.py with 3 curl/http.client users mixing page visits (curl
# -Z parallel asset fetches), downloads, REST polling and POST uploads (5 kB .. 500 kB).
# Link 30 Mbit/s.  Capture: dumpcap -s 128 on client eth0 (pcapng).
# Usage: https_lighttpd_curl_mix.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario https_lighttpd_curl_mix "$@"
DUR=${WEB_DUR:-110}; CLIENTS=3; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=2; }
SRV=10.78.12.1; CLI=10.78.12.11; PORT=443
SIZES=20000,70000,200000,600000,1500000

web_two_hosts http 30 pcapng
web_log "$NAME: port $PORT; $(web_versions)"
web_certs $SRV
web_site --seed "$SEED" --pages 8 --scale 0.2
web_dl_files ${SIZES//,/ }
web_api_backend srv "$WORK/logs/api.log" >/dev/null
web_lighttpd_start srv $SRV $PORT enable 8 100 >/dev/null
web_wait_listen srv $PORT; web_wait_listen srv 9002
cap=$(lab_capture_start cli "$CAP" --dumpcap)
lab_exec cli "$WEB_PY" "$WEB_APPS/http_client.py" --base "https://$SRV:$PORT" --mode pages,download,poll,poll,upload \
  --cacert "$WORK/certs/ca.crt" --clients $CLIENTS --duration $DUR --pages 8 --dl-template '/dl/{size}.bin' \
  --dl-sizes $SIZES --up-min 5000 --up-max 500000 --session-min 8 --session-max 60 --think-min 1 --think-max 10 \
  --tmp "$WORK/tmp" --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"; chmod 644 "$CAP"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$PORT,http"

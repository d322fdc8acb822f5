#!/usr/bin/env bash
# https_nginx_curl_h2_6881.sh -- curl over TLS with HTTP/2 (--http2) against nginx on 6881 (port swap).
# quick: yes
# lab: quick
# software: nginx (TLS, HTTP/2) + aiohttp API backend; curl (OpenSSL, --http2), Python http.client
# Server 10.78.40.1: nginx (TLS 1.2/1.3, lab self-signed cert, "listen ... ssl http2", keepalive
# 20 s) on 6881, the BitTorrent port, serving the site and files 30 kB .. 600 kB and proxying /api/
# and /dlx/ to http_api.py (aiohttp) on loopback.  Client host: http_client.py --http2 with 3
# users mixing curl page visits (-Z parallel assets over h2), downloads, multi-URL keep-alive curl
# batches, small REST calls (one curl process per call), POST uploads (2 kB .. 200 kB) and REST
# polling (half one curl per poll, half keep-alive http.client HTTP/1.1).  Link 20 Mbit/s.
# Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: https_nginx_curl_h2_6881.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario https_nginx_curl_h2_6881 "$@"
DUR=100; CLIENTS=3; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=2; }
SRV=10.78.40.1; CLI=10.78.40.11; PORT=6881
SIZES=30000,90000,250000,600000
mkdir -p "$OUT/http"
CAP="$OUT/http/$NAME.pcap"

lab_switch_create sw
lab_host_add sw srv $SRV/16 - 20
lab_host_add sw cli $CLI/16 - 20
web_log "$NAME: port $PORT; $(web_versions)"
web_certs $SRV
web_site --seed "$SEED" --pages 6 --scale 0.15
web_dl_files ${SIZES//,/ }
web_api_backend srv "$WORK/logs/api.log" --event-mean 6 >/dev/null
web_nginx_start srv 20 100 "$SRV:$PORT ssl http2" >/dev/null
web_wait_listen srv $PORT; web_wait_listen srv 9002
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_PY" "$WEB_APPS/http_client.py" --base "https://$SRV:$PORT" --http2 \
  --mode pages,download,batch,api,upload,poll --api-clients curl --api-gap 2 --curl-frac 0.5 --poll-min 2 --poll-max 12 \
  --cacert "$WORK/certs/ca.crt" --clients $CLIENTS --duration $DUR --pages 6 --dl-template '/dl/{size}.bin' \
  --dl-sizes $SIZES --up-min 2000 --up-max 200000 --session-min 6 --session-max 40 --think-min 0.5 --think-max 8 \
  --tmp "$WORK/tmp" --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$PORT,http"

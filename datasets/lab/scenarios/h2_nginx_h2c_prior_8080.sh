#!/usr/bin/env bash
# h2_nginx_h2c_prior_8080.sh -- cleartext HTTP/2 with prior knowledge (h2c) against nginx on 8080: h2load, curl and httpx.
# quick: yes
# software: nginx (listen ... http2 without TLS: h2c prior knowledge) + aiohttp API backend; h2load (nghttp2-client), curl --http2-prior-knowledge, python3-httpx (h2, http1=False)
# Server 10.78.205.1: nginx with "listen 8080 http2" (no TLS; nginx 1.22 speaks only HTTP/2 there,
# keepalive 15 s) serving the site and proxying /api/ to http_api.py (aiohttp) on loopback.
# Client host: h2_users.py with 5 users: curl --http2-prior-knowledge fetches (one URL each), h2load bursts
# (3..40 requests on 1..10 streams), httpx browsing sessions with uploads.  Link 10 Mbit/s.
# Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: h2_nginx_h2c_prior_8080.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME] [--duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/carrierlib.sh"
web_scenario h2_nginx_h2c_prior_8080 "$@"
DUR=${WEB_DUR:-70}; CLIENTS=5; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=2; }
SRV=10.78.205.1; CLI=10.78.205.11; PORT=8080

web_two_hosts http 10
web_log "$NAME: port $PORT (h2c); nginx $(car_deb nginx-light)"
web_site --seed "$SEED" --pages 6 --scale 0.12
web_api_backend srv "$WORK/logs/api.log" --event-mean 6 >/dev/null
web_nginx_start srv 15 100 "$SRV:$PORT http2" >/dev/null
web_wait_listen srv $PORT; web_wait_listen srv 9002
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_PY" "$WEB_APPS/h2_users.py" --base "http://$SRV:$PORT" --h2c prior --site "$WORK/site" \
  --clients $CLIENTS --duration $DUR --up-max 50000 --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -6 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
car_truth "$OUT/http/$NAME.truth.csv" "$NAME" no nginx \
  "http-server=nginx $(car_deb nginx-light); http-client=curl $(car_deb curl); http-client=h2load $(car_deb nghttp2-client); http-client=httpx $(car_deb python3-httpx)" \
  "tcp,$SRV,$PORT,http"

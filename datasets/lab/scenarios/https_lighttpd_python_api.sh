#!/usr/bin/env bash
# https_lighttpd_python_api.sh -- REST API sessions and polling over TLS from Python (http.client keep-alive, urllib) through lighttpd on a random high port.
# quick: yes
# lab: quick
# software: lighttpd (mod_openssl, mod_proxy) + aiohttp API backend; Python urllib.request + http.client (OpenSSL)
# Server 10.78.71.1: lighttpd (TLS, lab self-signed cert, keep-alive idle 6 s) on a random high port,
# proxying /api/ to http_api.py (aiohttp; events Poisson, mean gap 8 s) on loopback.  Client host:
# http_client.py with 5 users mixing API sessions (bursts of 1..5 GET/POST JSON calls by keep-alive
# http.client or urllib.request with a new TLS connection per call; pauses scaled x1.5, so the 6 s
# idle timeout sometimes closes keep-alive sessions), REST polling every 2..10 s (half of the
# sessions via urllib) and small POST uploads (0.5 .. 30 kB); no curl.  Link 4 Mbit/s.
# Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: https_lighttpd_python_api.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario https_lighttpd_python_api "$@"
DUR=${WEB_DUR:-100}; CLIENTS=5; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=2; }
SRV=10.78.71.1; CLI=10.78.71.11; PORT=$(web_port lapi)

web_two_hosts http 4
web_log "$NAME: port $PORT; $(web_versions)"
web_certs $SRV
mkdir -p "$WORK/site"
web_api_backend srv "$WORK/logs/api.log" --event-mean 8 >/dev/null
web_lighttpd_start srv $SRV "$PORT" enable 6 1000 >/dev/null
web_wait_listen srv "$PORT"; web_wait_listen srv 9002
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_PY" "$WEB_APPS/http_client.py" --base "https://$SRV:$PORT" \
  --mode api,api,api,poll,poll,pyupload --api-clients keepalive,urllib --api-gap 1.5 --urllib-frac 0.5 \
  --curl-frac 0 --poll-min 2 --poll-max 10 --cacert "$WORK/certs/ca.crt" --clients $CLIENTS --duration $DUR \
  --up-min 500 --up-max 30000 --session-min 5 --session-max 40 --think-min 0.5 --think-max 8 \
  --tmp "$WORK/tmp" --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$PORT,http"

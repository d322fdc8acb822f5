#!/usr/bin/env bash
# https_nginx_node_fetch_443.sh -- Node.js clients (fetch / https.request) against nginx over TLS on 443: static site pages, API calls via nginx to aiohttp, polling, uploads, downloads.
# quick: yes
# lab: quick
# software: nginx (TLS, HTTP/1.1) + aiohttp API backend (http_api.py); Node.js 20 web_client.js (global fetch = undici, https.request with and without a keep-alive Agent)
# Server 10.78.95.1: nginx (TLS 1.2/1.3, lab self-signed cert, no HTTP/2, keepalive_timeout 15 s)
# on 443 serving gen_site.py's site (8 pages, assets scaled 0.06) and proxying /api/ and /dlx/ to
# http_api.py (aiohttp; events Poisson, mean gap 5 s) on loopback.  Client host:
# apps/node/web_client.js with 6 users, sessions of page tours (1 in 6) (page + up to 30 assets in
# parallel, then linked pages), API bursts, REST polling every 1..6 s or long-polls, uploads of
# 1 .. 50 kB and downloads of 20 .. 150 kB, each session through global fetch, https.request
# with a keep-alive Agent or https.request with agent:false.  Link 6 Mbit/s.
# Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: https_nginx_node_fetch_443.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME --duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario https_nginx_node_fetch_443 "$@"
DUR=${WEB_DUR:-85}; CLIENTS=6; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=2; }
SRV=10.78.95.1; CLI=10.78.95.11; PORT=443

web_two_hosts http 6
web_log "$NAME: port $PORT; $(web_versions)"
web_certs $SRV
web_site --seed "$SEED" --pages 8 --scale 0.06 >/dev/null
web_api_backend srv "$WORK/logs/api.log" --event-mean 5 >/dev/null
web_nginx_start srv 15 200 "$SRV:$PORT ssl" >/dev/null
web_wait_listen srv $PORT; web_wait_listen srv 9002
cap=$(lab_capture_start cli "$CAP")
web_node_client cli "$WORK/logs/client.log" --url "https://$SRV:$PORT" --cafile "$WORK/certs/ca.crt" \
  --mode page,api,api,poll,upload,download --http-clients fetch,fetch,agent,close --dl-path /dlx/ \
  --clients $CLIENTS --duration $DUR --session-min 4 --session-max 30 --think-min 0.5 --think-max 6 \
  --poll-min 1 --poll-max 6 --longpoll-frac 0.3 --up-min 1000 --up-max 50000 --dl-min 20000 --dl-max 150000
lab_capture_stop "$cap"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$PORT,http"

#!/usr/bin/env bash
# https_node_api_8443.sh -- REST API calls, pages, polling, uploads and downloads over TLS, Node.js on both ends (fetch / https.request -> Node https server) on 8443.
# quick: yes
# lab: quick
# software: Node.js 20 web_server.js (https module, Node TLS / OpenSSL 3, keep-alive 30 s); Node.js web_client.js (global fetch = undici, https.request with and without a keep-alive Agent)
# Server 10.78.92.1: apps/node/web_server.js, HTTPS on 8443 (lab self-signed cert): JSON API
# (/api/status, /api/items, long-poll /api/poll, uploads), deterministic pages with 4..14 assets
# (0.3 .. 120 kB), /dl/<bytes>; events Poisson, mean gap 5 s.  Client host: apps/node/web_client.js
# with 6 users, sessions of API bursts, page + parallel asset fetches, REST polling every 1..6 s
# or long-polls, uploads of 1 .. 60 kB and downloads of 20 .. 300 kB, each session through
# global fetch (undici's shared keep-alive pool), https.request with a keep-alive Agent or
# https.request with agent:false (a new TLS connection per request).  Link 6 Mbit/s.
# Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: https_node_api_8443.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME --duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario https_node_api_8443 "$@"
DUR=${WEB_DUR:-85}; CLIENTS=6; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=2; }
SRV=10.78.92.1; CLI=10.78.92.11; PORT=8443

web_two_hosts http 6
web_log "$NAME: port $PORT; $(web_versions)"
web_certs $SRV
web_node_server srv "$WORK/logs/server.log" --host $SRV --http-port $PORT \
  --cert "$WORK/certs/server.crt" --key "$WORK/certs/server.key" --event-mean 5 --keepalive 30 >/dev/null
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP")
web_node_client cli "$WORK/logs/client.log" --url "https://$SRV:$PORT" --cafile "$WORK/certs/ca.crt" \
  --mode api,api,page,poll,poll,upload,download --http-clients fetch,fetch,agent,close \
  --clients $CLIENTS --duration $DUR --session-min 4 --session-max 30 --think-min 0.5 --think-max 6 \
  --poll-min 1 --poll-max 6 --longpoll-frac 0.3 --up-min 1000 --up-max 60000 --dl-min 20000 --dl-max 300000
lab_capture_stop "$cap"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$PORT,http"

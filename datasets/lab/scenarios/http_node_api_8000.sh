#!/usr/bin/env bash
# http_node_api_8000.sh -- REST API calls, pages, polling and uploads over plain HTTP, Node.js on both ends (fetch / http.request -> Node http server) on 8000.
# quick: yes
# lab: quick
# software: Node.js 20 web_server.js (http module, keep-alive 15 s); Node.js web_client.js (global fetch = undici, http.request with and without a keep-alive Agent)
# Server 10.78.93.1: apps/node/web_server.js, HTTP on 8000: JSON API (/api/status, /api/items,
# long-poll /api/poll, uploads), deterministic pages with 4..14 assets (0.3 .. 120 kB),
# /dl/<bytes>; keep-alive timeout 15 s; events Poisson, mean gap 4 s.  Client host:
# apps/node/web_client.js with 6 users, sessions of API bursts, page + parallel asset fetches,
# REST polling every 1..8 s or long-polls, uploads of 1 .. 40 kB and downloads of 20 .. 250 kB,
# each session through global fetch (undici keep-alive pool), http.request with a keep-alive
# Agent, or http.request with agent:false and Connection: close.  Link 8 Mbit/s.
# Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: http_node_api_8000.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME --duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario http_node_api_8000 "$@"
DUR=${WEB_DUR:-85}; CLIENTS=6; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=2; }
SRV=10.78.93.1; CLI=10.78.93.11; PORT=8000

web_two_hosts http 8
web_log "$NAME: port $PORT; $(web_versions)"
web_node_server srv "$WORK/logs/server.log" --host $SRV --http-port $PORT --event-mean 4 --keepalive 15 >/dev/null
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP")
web_node_client cli "$WORK/logs/client.log" --url "http://$SRV:$PORT" \
  --mode api,api,page,poll,poll,upload,download --http-clients fetch,agent,close \
  --clients $CLIENTS --duration $DUR --session-min 4 --session-max 30 --think-min 0.5 --think-max 6 \
  --poll-min 1 --poll-max 8 --longpoll-frac 0.3 --up-min 1000 --up-max 40000 --dl-min 20000 --dl-max 250000
lab_capture_stop "$cap"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" no "tcp,$SRV,$PORT,http"

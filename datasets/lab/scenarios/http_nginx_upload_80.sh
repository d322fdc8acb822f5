#!/usr/bin/env bash
# http_nginx_upload_80.sh -- uploads (POST/PUT, raw and multipart, 20 kB .. 2 MB) through nginx to an aiohttp backend, plain HTTP on 80, with some downloads.
# quick: yes
# lab: quick
# software: nginx (reverse proxy, request buffering off) + aiohttp backend; curl, Python http.client
# Server 10.78.64.1: nginx on port 80 (HTTP/1.1, keepalive_timeout 8 s) proxying /api/ to
# http_api.py (aiohttp) on loopback: POST/PUT /api/upload consume the body; /dlx/<bytes> streams
# downloads from the backend.  Client host: http_client.py with 2 users: curl uploads
# (--data-binary raw or -F multipart), Python http.client keep-alive upload sessions (1..4
# PUT/POST bodies, raw or multipart, per connection), curl downloads (30 kB .. 600 kB) and short
# REST API sessions.  Bodies 20 kB .. 2 MB.  Link 20 Mbit/s.
# Capture: tcpdump -s 128 on the client's eth0 (pcap).
# Usage: http_nginx_upload_80.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario http_nginx_upload_80 "$@"
DUR=${WEB_DUR:-80}; CLIENTS=2; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=2; }
SRV=10.78.64.1; CLI=10.78.64.11; PORT=80
mkdir -p "$OUT/http"
CAP="$OUT/http/$NAME.pcap"

lab_switch_create sw
lab_host_add sw srv $SRV/16 - 20; web_csum_off srv
web_client_add sw cli $CLI/16 - 20
web_log "$NAME: port $PORT; $(web_versions)"
web_site --seed "$SEED" --pages 2 --scale 0.1
web_api_backend srv "$WORK/logs/api.log" >/dev/null
web_nginx_start srv 8 100 "$SRV:$PORT" >/dev/null
web_wait_listen srv "$PORT"; web_wait_listen srv 9002
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_PY" "$WEB_APPS/http_client.py" --base "http://$SRV:$PORT" \
  --mode upload,upload,upload,pyupload,pyupload,download,api --clients $CLIENTS --duration "$DUR" \
  --dl-template "/dlx/{size}" --dl-sizes 30000,150000,600000 --up-min 20000 --up-max 2000000 \
  --api-clients keepalive,curl --session-min 3 --session-max 10 --think-min 2 --think-max 12 \
  --tmp "$WORK/tmp" --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" no "tcp,$SRV,$PORT,http"

#!/usr/bin/env bash
# https_lighttpd_upload.sh -- uploads (POST/PUT, raw and multipart, 20 kB .. 2 MB) over TLS through lighttpd to an aiohttp backend, random high port, with downloads.
# quick: yes
# lab: quick
# software: lighttpd (mod_openssl, mod_proxy) + aiohttp backend; curl (OpenSSL), Python http.client (ssl)
# Server 10.78.65.1: lighttpd with the lab's self-signed cert on a random high port
# (max-keep-alive-idle 10 s) proxying /api/ to http_api.py (aiohttp) on loopback; static files
# /dl/<size>.bin for downloads.  Client host: http_client.py with 2 users: curl uploads
# (--data-binary raw or -F multipart, one TLS connection each), Python http.client keep-alive
# upload sessions over TLS (1..4 PUT/POST bodies per connection), curl downloads of 40 kB ..
# 800 kB.  Bodies 20 kB .. 2 MB.  Link 10 Mbit/s.
# Capture: tcpdump -s 128 on the client's eth0 (pcap).
# Usage: https_lighttpd_upload.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario https_lighttpd_upload "$@"
DUR=${WEB_DUR:-80}; CLIENTS=2; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=2; }
SRV=10.78.65.1; CLI=10.78.65.11; PORT=$(web_port upload)
mkdir -p "$OUT/http"
CAP="$OUT/http/$NAME.pcap"

lab_switch_create sw
lab_host_add sw srv $SRV/16 - 10; web_csum_off srv
web_client_add sw cli $CLI/16 - 10
web_log "$NAME: port $PORT; $(web_versions)"
web_certs $SRV
web_site --seed "$SEED" --pages 2 --scale 0.1
web_dl_files 40000 200000 800000
web_api_backend srv "$WORK/logs/api.log" >/dev/null
web_lighttpd_start srv $SRV "$PORT" enable 10 100 >/dev/null
web_wait_listen srv "$PORT"; web_wait_listen srv 9002
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_PY" "$WEB_APPS/http_client.py" --base "https://$SRV:$PORT" --cacert "$WORK/certs/ca.crt" \
  --mode upload,pyupload,download --clients $CLIENTS --duration "$DUR" \
  --dl-template "/dl/{size}.bin" --dl-sizes 40000,200000,800000 --up-min 20000 --up-max 2000000 \
  --think-min 4 --think-max 20 --tmp "$WORK/tmp" --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$PORT,http"

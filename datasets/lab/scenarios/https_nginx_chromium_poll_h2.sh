#!/usr/bin/env bash
# https_nginx_chromium_poll_h2.sh -- browser REST polling and long-polling over TLS (HTTP/2) to nginx on 443, plus Python poll loops.
# quick: yes
# lab: quick
# software: nginx (TLS, HTTP/2) + aiohttp API backend; headless Chromium, Python urllib + http.client, curl
# Server 10.78.44.1: nginx (TLS, "listen 443 ssl http2", keepalive_timeout 10 s) proxying /api/
# unbuffered to http_api.py (aiohttp; events Poisson, mean gap 6 s; long-poll hold 15 s) on
# loopback.  Client host: headless Chromium runs alternating fetch() REST polling (every 1..6 s,
# 2 loops multiplexed on one h2 connection) and long-polling; plus 3 http_client.py users polling
# every 1..8 s (keep-alive http.client, urllib with a new TLS connection per poll, or one curl
# process per poll).  Link 10 Mbit/s.  Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: https_nginx_chromium_poll_h2.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario https_nginx_chromium_poll_h2 "$@"
RUNS=4; T=25; DUR=110; [ "$QUICK" = 1 ] && { RUNS=1; T=15; DUR=20; }
SRV=10.78.44.1; CLI=10.78.44.11; PORT=443
mkdir -p "$OUT/http"
CAP="$OUT/http/$NAME.pcap"

lab_switch_create sw
lab_host_add sw srv $SRV/16 - 10
lab_host_add sw cli $CLI/16 - 10
web_log "$NAME: port $PORT; $(web_versions)"
web_certs $SRV
web_site --seed "$SEED" --pages 2 --scale 0.1
web_api_backend srv "$WORK/logs/api.log" --event-mean 6 >/dev/null
web_nginx_start srv 10 1000 "$SRV:$PORT ssl http2" >/dev/null
web_wait_listen srv $PORT; web_wait_listen srv 9002
cap=$(lab_capture_start cli "$CAP")
p1=$(lab_bg cli "$WORK/logs/loops.log" "$WEB_PY" "$WEB_APPS/http_client.py" --base "https://$SRV:$PORT" --mode poll,poll,longpoll \
  --cacert "$WORK/certs/ca.crt" --curl-frac 0.3 --urllib-frac 0.5 --poll-min 1 --poll-max 8 --hold 15 --clients 3 \
  --duration $DUR --session-min 10 --session-max 60 --think-min 1 --think-max 8 --seed "$SEED")
for i in $(seq 1 $RUNS); do
  if [ $((i % 2)) = 1 ]; then
    every=$(web_rand "every$i" 1000 6000)
    web_chromium cli "$WORK/logs/chromium.log" $((T + 5)) "https://$SRV:$PORT/longpoll.html?mode=poll&t=$T&n=2&every=$every"
  else
    web_chromium cli "$WORK/logs/chromium.log" $((T + 5)) "https://$SRV:$PORT/longpoll.html?mode=longpoll&t=$T&n=1&hold=15"
  fi
  sleep 1
done
web_wait_pids $((DUR + 60)) "$p1"
lab_capture_stop "$cap"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$PORT,http"

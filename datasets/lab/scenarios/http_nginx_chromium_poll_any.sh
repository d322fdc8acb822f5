#!/usr/bin/env bash
# http_nginx_chromium_poll_any.sh -- browser REST polling and long-polling over plain HTTP, -i any capture.
# quick: yes
# lab: quick
# software: nginx + aiohttp API backend; headless Chromium, curl
# Server 10.78.17.1: nginx (HTTP/1.1, keepalive_timeout 6 s) on a random high port serving
# longpoll.html and proxying /api/ unbuffered to http_api.py (aiohttp; events Poisson, mean gap
# 10 s; long-poll hold 20 s) on loopback.  Client host: headless Chromium runs alternating the page's
# fetch() REST polling (status every 1..8 s, 2 loops) and long-polling (2 loops), plus 3 curl users
# long-polling with one curl process per request.  Link 1 Mbit/s.
# Capture: tcpdump -i any -s 128 in the client namespace (Linux cooked capture v2, SLL2).
# Usage: http_nginx_chromium_poll_any.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario http_nginx_chromium_poll_any "$@"
RUNS=4; T=50; DUR=220; [ "$QUICK" = 1 ] && { RUNS=1; T=20; DUR=20; }
[ -n "$WEB_DUR" ] && { DUR=$WEB_DUR; RUNS=2; T=$(( (WEB_DUR - 10) / 2 )); }
SRV=10.78.17.1; CLI=10.78.17.11; PORT=$(web_port poll)

web_two_hosts http 1
web_log "$NAME: port $PORT; $(web_versions)"
web_site --seed "$SEED" --pages 2 --scale 0.1
web_api_backend srv "$WORK/logs/api.log" --event-mean 10 >/dev/null
web_nginx_start srv 6 100 "$SRV:$PORT" >/dev/null
web_wait_listen srv "$PORT"; web_wait_listen srv 9002
cap=$(lab_capture_start cli "$CAP" -i any)
p1=$(lab_bg cli "$WORK/logs/curl.log" "$WEB_PY" "$WEB_APPS/http_client.py" --base "http://$SRV:$PORT" --mode longpoll \
  --clients 3 --duration $DUR --session-min 10 --session-max 60 --hold 20 --think-min 1 --think-max 15 --seed "$SEED")
for i in $(seq 1 $RUNS); do
  if [ $((i % 2)) = 1 ]; then
    every=$(web_rand "every$i" 1000 8000)
    web_chromium cli "$WORK/logs/chromium.log" $((T + 5)) "http://$SRV:$PORT/longpoll.html?mode=poll&t=$T&n=2&every=$every"
  else
    web_chromium cli "$WORK/logs/chromium.log" $((T + 5)) "http://$SRV:$PORT/longpoll.html?mode=longpoll&t=$T&n=2&hold=20"
  fi
  sleep 2
done
web_wait_pids $((DUR + 60)) "$p1"
lab_capture_stop "$cap"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" no "tcp,$SRV,$PORT,http"

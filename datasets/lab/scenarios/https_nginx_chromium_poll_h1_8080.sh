#!/usr/bin/env bash
# https_nginx_chromium_poll_h1_8080.sh -- browser fetch() REST polling and long-polling over TLS (HTTP/1.1, no h2 offered) through nginx on 8080.
# quick: yes
# lab: quick
# software: nginx (TLS, HTTP/1.1 only) + aiohttp API backend; headless Chromium (BoringSSL)
# Server 10.78.77.1: nginx (TLS, lab self-signed cert, no http2 on the listener, keepalive_timeout
# 3 s) on 8080 serving longpoll.html and proxying /api/ unbuffered to http_api.py (aiohttp; events
# Poisson, mean gap 9 s) on loopback.  Client host: headless Chromium (one fresh browser per run)
# alternating the page's fetch() REST polling every 1..4 s (1..2 loops), slow polling every
# 4..10 s (1..2 loops; the 3 s keep-alive closes the connection between polls: a new TLS
# connection per poll) and long-polling (hold 20 s).  Link 5 Mbit/s.
# Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: https_nginx_chromium_poll_h1_8080.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario https_nginx_chromium_poll_h1_8080 "$@"
RUNS=6; T=22; [ "$QUICK" = 1 ] && { RUNS=1; T=20; }
[ -n "$WEB_DUR" ] && { RUNS=3; T=$(( (WEB_DUR - 12) / 3 )); }
SRV=10.78.77.1; CLI=10.78.77.11; PORT=8080

web_two_hosts http 5
web_log "$NAME: port $PORT; $(web_versions)"
web_certs $SRV
web_site --seed "$SEED" --pages 2 --scale 0.1
web_api_backend srv "$WORK/logs/api.log" --event-mean 9 >/dev/null
web_nginx_start srv 3 1000 "$SRV:$PORT ssl" >/dev/null
web_wait_listen srv $PORT; web_wait_listen srv 9002
cap=$(lab_capture_start cli "$CAP")
for i in $(seq 1 $RUNS); do
  case $((i % 3)) in
    1) every=$(web_rand "fast$i" 1000 4000); n=$(web_rand "n$i" 1 2)
       url="https://$SRV:$PORT/longpoll.html?mode=poll&t=$T&n=$n&every=$every" ;;
    2) every=$(web_rand "slow$i" 4000 10000); n=$(web_rand "sn$i" 1 2)
       url="https://$SRV:$PORT/longpoll.html?mode=poll&t=$T&n=$n&every=$every" ;;
    0) url="https://$SRV:$PORT/longpoll.html?mode=longpoll&t=$T&n=1&hold=20" ;;
  esac
  web_chromium cli "$WORK/logs/chromium.log" $((T + 5)) "$url"
  sleep 1
done
lab_capture_stop "$cap"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$PORT,http"

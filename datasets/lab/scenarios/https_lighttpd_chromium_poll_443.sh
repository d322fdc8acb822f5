#!/usr/bin/env bash
# https_lighttpd_chromium_poll_443.sh -- browser fetch() REST polling and long-polling over TLS (HTTP/1.1) through lighttpd on 443, plus Python/curl poll loops.
# quick: yes
# lab: quick
# software: lighttpd (mod_openssl, mod_proxy) + aiohttp API backend; headless Chromium (BoringSSL, --disable-http2), curl, Python http.client/urllib
# Server 10.78.50.1: lighttpd (TLS, lab self-signed cert, keep-alive idle 8 s) on 443 serving
# longpoll.html and proxying /api/ to http_api.py (aiohttp; events Poisson, mean gap 12 s) on
# loopback.  Client host: headless Chromium with HTTP/2 off (HTTP/1.1 over TLS, like the plain
# http_nginx_chromium_poll_any) runs the page's fetch() REST polling, alternating fast (every
# 1..3 s, 1..2 loops), slow (every 6..15 s, so the 8 s idle timeout often closes the connection
# between polls) and long-polling (hold 15 s); plus 2 poll users of http_client.py (http.client
# keep-alive, urllib or one curl per poll, every 2..12 s).  Link 10 Mbit/s.
# Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: https_lighttpd_chromium_poll_443.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario https_lighttpd_chromium_poll_443 "$@"
RUNS=4; T=40; DUR=180; [ "$QUICK" = 1 ] && { RUNS=1; T=20; DUR=20; }
[ -n "$WEB_DUR" ] && { DUR=$WEB_DUR; RUNS=3; T=$(( (WEB_DUR - 12) / 3 )); }
SRV=10.78.50.1; CLI=10.78.50.11; PORT=443

web_two_hosts http 10
web_log "$NAME: port $PORT; $(web_versions)"
web_certs $SRV
web_site --seed "$SEED" --pages 2 --scale 0.1
web_api_backend srv "$WORK/logs/api.log" --event-mean 12 >/dev/null
web_lighttpd_start srv $SRV $PORT enable 8 1000 >/dev/null
web_wait_listen srv $PORT; web_wait_listen srv 9002
cap=$(lab_capture_start cli "$CAP")
p1=$(lab_bg cli "$WORK/logs/loops.log" "$WEB_PY" "$WEB_APPS/http_client.py" --base "https://$SRV:$PORT" --mode poll \
  --cacert "$WORK/certs/ca.crt" --curl-frac 0.4 --urllib-frac 0.5 --poll-min 2 --poll-max 12 --clients 2 \
  --duration $DUR --session-min 15 --session-max 70 --think-min 1 --think-max 10 --seed "$SEED")
for i in $(seq 1 $RUNS); do
  case $((i % 3)) in
    1) every=$(web_rand "fast$i" 1000 3000); n=$(web_rand "n$i" 1 2)
       url="https://$SRV:$PORT/longpoll.html?mode=poll&t=$T&n=$n&every=$every" ;;
    2) every=$(web_rand "slow$i" 6000 15000)
       url="https://$SRV:$PORT/longpoll.html?mode=poll&t=$T&n=1&every=$every" ;;
    0) url="https://$SRV:$PORT/longpoll.html?mode=longpoll&t=$T&n=1&hold=15" ;;
  esac
  web_chromium cli "$WORK/logs/chromium.log" $((T + 5)) "$url" --disable-http2
  sleep 1
done
web_wait_pids $((DUR + 60)) "$p1"
lab_capture_stop "$cap"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$PORT,http"

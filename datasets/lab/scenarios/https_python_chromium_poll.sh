#!/usr/bin/env bash
# https_python_chromium_poll.sh -- browser fetch() REST polling and long-polling over TLS straight to an aiohttp server on a random high port, plus a Python poll loop.
# quick: yes
# lab: quick
# software: aiohttp server (Python ssl, serving the page and the API); headless Chromium (BoringSSL), Python http.client/urllib
# Server 10.78.76.1: http_api.py (aiohttp) terminating TLS itself (lab self-signed cert) on a random
# high port, serving longpoll.html (--static) and the API (events Poisson, mean gap 6 s), no proxy.
# Client host: headless Chromium (one fresh browser per run) alternating the page's fetch() REST
# polling every 0.7..4 s (1..3 loops), slow polling every 5..12 s and long-polling (hold
# 10..25 s, 1..2 loops); plus 1 poll user of http_client.py (keep-alive http.client or urllib,
# every 2..10 s).  Link 3 Mbit/s.  Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: https_python_chromium_poll.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario https_python_chromium_poll "$@"
RUNS=5; T=20; DUR=125; [ "$QUICK" = 1 ] && { RUNS=1; T=20; DUR=20; }
[ -n "$WEB_DUR" ] && { DUR=$WEB_DUR; RUNS=3; T=$(( (WEB_DUR - 12) / 3 )); }
SRV=10.78.76.1; CLI=10.78.76.11; PORT=$(web_port tlspoll)

web_two_hosts http 3
web_log "$NAME: port $PORT; $(web_versions)"
web_certs $SRV
web_site --seed "$SEED" --pages 2 --scale 0.1
web_api_backend srv "$WORK/logs/api.log" --host $SRV --port "$PORT" --cert "$WORK/certs/server.crt" \
  --key "$WORK/certs/server.key" --static "$WORK/site" --event-mean 6 >/dev/null
web_wait_listen srv "$PORT"
cap=$(lab_capture_start cli "$CAP")
p1=$(lab_bg cli "$WORK/logs/loops.log" "$WEB_PY" "$WEB_APPS/http_client.py" --base "https://$SRV:$PORT" --mode poll \
  --cacert "$WORK/certs/ca.crt" --curl-frac 0 --urllib-frac 0.5 --poll-min 2 --poll-max 10 --clients 1 \
  --duration $DUR --session-min 15 --session-max 60 --think-min 1 --think-max 8 --seed "$SEED")
for i in $(seq 1 $RUNS); do
  case $((i % 3)) in
    1) every=$(web_rand "fast$i" 700 4000); n=$(web_rand "n$i" 1 3)
       url="https://$SRV:$PORT/longpoll.html?mode=poll&t=$T&n=$n&every=$every" ;;
    2) every=$(web_rand "slow$i" 5000 12000)
       url="https://$SRV:$PORT/longpoll.html?mode=poll&t=$T&n=1&every=$every" ;;
    0) hold=$(web_rand "hold$i" 10 25); n=$(web_rand "ln$i" 1 2)
       url="https://$SRV:$PORT/longpoll.html?mode=longpoll&t=$T&n=$n&hold=$hold" ;;
  esac
  web_chromium cli "$WORK/logs/chromium.log" $((T + 5)) "$url"
  sleep 1
done
web_wait_pids $((DUR + 60)) "$p1"
lab_capture_stop "$cap"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$PORT,http"

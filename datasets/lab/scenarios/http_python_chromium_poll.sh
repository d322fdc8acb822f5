#!/usr/bin/env bash
# http_python_chromium_poll.sh -- browser fetch() REST polling and long-polling straight against an aiohttp server, plain HTTP on a random high port.
# quick: yes
# lab: quick
# software: aiohttp (http_api.py, serving the page and the API itself, no proxy); headless Chromium
# Server 10.78.51.1: http_api.py (aiohttp, keep-alive 30 s; events Poisson, mean gap 6 s) on a
# random high port, serving longpoll.html (--static) and /api/ directly.  Client host: headless
# Chromium runs (8 short page visits of 18 s, each a fresh browser) of the page's fetch() REST
# polling (every 0.7..8 s, 1..3 parallel loops) and long-polling (hold 10..30 s, 1..2 loops),
# alternating.  Link 2 Mbit/s.
# Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: http_python_chromium_poll.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario http_python_chromium_poll "$@"
RUNS=8; T=18; [ "$QUICK" = 1 ] && { RUNS=1; T=20; }
[ -n "$WEB_DUR" ] && { RUNS=3; T=$(( (WEB_DUR - 12) / 3 )); }
SRV=10.78.51.1; CLI=10.78.51.11; PORT=$(web_port pypoll)

web_two_hosts http 2
web_log "$NAME: port $PORT; $(web_versions)"
web_site --seed "$SEED" --pages 2 --scale 0.1
web_api_backend srv "$WORK/logs/api.log" --host $SRV --port "$PORT" --static "$WORK/site" --event-mean 6 >/dev/null
web_wait_listen srv "$PORT"
cap=$(lab_capture_start cli "$CAP")
for i in $(seq 1 $RUNS); do
  if [ $((i % 2)) = 1 ]; then
    every=$(web_rand "every$i" 700 8000); n=$(web_rand "n$i" 1 3)
    url="http://$SRV:$PORT/longpoll.html?mode=poll&t=$T&n=$n&every=$every"
  else
    hold=$(web_rand "hold$i" 10 30); n=$(web_rand "ln$i" 1 2)
    url="http://$SRV:$PORT/longpoll.html?mode=longpoll&t=$T&n=$n&hold=$hold"
  fi
  web_chromium cli "$WORK/logs/chromium.log" $((T + 5)) "$url"
  sleep 1
done
lab_capture_stop "$cap"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" no "tcp,$SRV,$PORT,http"

#!/usr/bin/env bash
# http_nginx_chromium_poll_shortka.sh -- browser fetch() REST polling through nginx on 80 with a keep-alive timeout shorter than the poll interval (a new connection per poll).
# quick: yes
# lab: quick
# software: nginx + aiohttp API backend; headless Chromium, Python urllib
# Server 10.78.52.1: nginx (HTTP/1.1, keepalive_timeout 2 s) on 80 serving longpoll.html and
# proxying /api/ unbuffered to http_api.py (aiohttp; events Poisson, mean gap 10 s) on loopback.
# Client host: headless Chromium runs of the page's fetch() REST polling every 3..12 s with 1..4
# parallel loops (nginx closes each idle connection after 2 s, so most polls open a new one),
# one run polling every 0.5..1.5 s (connections kept), and long-polling (hold 20 s); plus
# 2 urllib poll users (new connection per poll, every 3..15 s).  Link 8 Mbit/s.
# Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: http_nginx_chromium_poll_shortka.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario http_nginx_chromium_poll_shortka "$@"
RUNS=4; T=40; DUR=180; [ "$QUICK" = 1 ] && { RUNS=1; T=20; DUR=20; }
[ -n "$WEB_DUR" ] && { DUR=$WEB_DUR; RUNS=3; T=$(( (WEB_DUR - 12) / 3 )); }
SRV=10.78.52.1; CLI=10.78.52.11; PORT=80

web_two_hosts http 8
web_log "$NAME: port $PORT; $(web_versions)"
web_site --seed "$SEED" --pages 2 --scale 0.1
web_api_backend srv "$WORK/logs/api.log" --event-mean 10 >/dev/null
web_nginx_start srv 2 100 "$SRV:$PORT" >/dev/null
web_wait_listen srv "$PORT"; web_wait_listen srv 9002
cap=$(lab_capture_start cli "$CAP")
p1=$(lab_bg cli "$WORK/logs/loops.log" "$WEB_PY" "$WEB_APPS/http_client.py" --base "http://$SRV:$PORT" --mode poll \
  --curl-frac 0 --urllib-frac 1 --poll-min 3 --poll-max 15 --clients 2 --duration $DUR --session-min 20 \
  --session-max 80 --think-min 1 --think-max 10 --seed "$SEED")
for i in $(seq 1 $RUNS); do
  case $((i % 4)) in
    1|3) every=$(web_rand "every$i" 3000 12000); n=$(web_rand "n$i" 1 4)
         url="http://$SRV:$PORT/longpoll.html?mode=poll&t=$T&n=$n&every=$every" ;;
    2) every=$(web_rand "fast$i" 500 1500)
       url="http://$SRV:$PORT/longpoll.html?mode=poll&t=$T&n=1&every=$every" ;;
    0) url="http://$SRV:$PORT/longpoll.html?mode=longpoll&t=$T&n=2&hold=20" ;;
  esac
  web_chromium cli "$WORK/logs/chromium.log" $((T + 5)) "$url"
  sleep 1
done
web_wait_pids $((DUR + 60)) "$p1"
lab_capture_stop "$cap"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" no "tcp,$SRV,$PORT,http"

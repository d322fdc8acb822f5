#!/usr/bin/env bash
# http_lighttpd_chromium_poll.sh -- browser REST polling at fast and slow intervals over plain HTTP through lighttpd, plus curl poll loops.
# quick: yes
# lab: quick
# software: lighttpd (mod_proxy) + aiohttp API backend; headless Chromium, curl, Python urllib
# Server 10.78.43.1: lighttpd (HTTP/1.1, keep-alive idle 4 s) on 80 serving longpoll.html and
# proxying /api/ to http_api.py (aiohttp; events Poisson, mean gap 8 s) on loopback.  Client host:
# headless Chromium runs of the page's fetch() REST polling, alternating fast (every 0.5..1.5 s,
# 1..3 parallel loops, connections kept alive) and slow (every 5..15 s, so lighttpd's 4 s idle
# timeout closes the connection between polls); plus 2 poll loops from http_client.py (one curl
# process per poll, or urllib with a new connection per poll; every 2..20 s).  Link 4 Mbit/s.
# Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: http_lighttpd_chromium_poll.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario http_lighttpd_chromium_poll "$@"
RUNS=4; T=25; DUR=110; [ "$QUICK" = 1 ] && { RUNS=1; T=15; DUR=20; }
SRV=10.78.43.1; CLI=10.78.43.11; PORT=80
mkdir -p "$OUT/http"
CAP="$OUT/http/$NAME.pcap"

lab_switch_create sw
lab_host_add sw srv $SRV/16 - 4
lab_host_add sw cli $CLI/16 - 4
web_log "$NAME: port $PORT; $(web_versions)"
web_site --seed "$SEED" --pages 2 --scale 0.1
web_api_backend srv "$WORK/logs/api.log" --event-mean 8 >/dev/null
web_lighttpd_start srv $SRV $PORT disable 4 1000 >/dev/null
web_wait_listen srv $PORT; web_wait_listen srv 9002
cap=$(lab_capture_start cli "$CAP")
p1=$(lab_bg cli "$WORK/logs/loops.log" "$WEB_PY" "$WEB_APPS/http_client.py" --base "http://$SRV:$PORT" --mode poll \
  --curl-frac 0.5 --urllib-frac 1 --poll-min 2 --poll-max 20 --clients 2 --duration $DUR --session-min 20 \
  --session-max 80 --think-min 1 --think-max 10 --seed "$SEED")
for i in $(seq 1 $RUNS); do
  if [ $((i % 2)) = 1 ]; then
    every=$(web_rand "fast$i" 500 1500); n=$(web_rand "n$i" 1 3)
  else
    every=$(web_rand "slow$i" 5000 15000); n=1
  fi
  web_chromium cli "$WORK/logs/chromium.log" $((T + 5)) "http://$SRV:$PORT/longpoll.html?mode=poll&t=$T&n=$n&every=$every"
  sleep 1
done
web_wait_pids $((DUR + 60)) "$p1"
lab_capture_stop "$cap"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" no "tcp,$SRV,$PORT,http"

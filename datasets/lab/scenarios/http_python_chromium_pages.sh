#!/usr/bin/env bash
# http_python_chromium_pages.sh -- headless Chromium touring a site served by aiohttp directly (no proxy), plain HTTP on 80.
# quick: yes
# lab: quick
# software: aiohttp (http_api.py --static); headless Chromium
# Server 10.78.62.1: two http_api.py (aiohttp) processes serving the generated site with
# --static: the pages, CSS, JS, fonts and JSON on port 80, the images ("CDN" origin) on a random
# high port; aiohttp keep-alive 30 s, no compression.  Client host: sequential headless Chromium
# runs (fresh profile each), each following ?tour=K random links with think times of up to 8 s.
# Site: 10 pages, asset scale 0.12 (many small assets).  Link 40 Mbit/s.
# Capture: tcpdump -s 128 on the client's eth0 (pcap).
# Usage: http_python_chromium_pages.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario http_python_chromium_pages "$@"
RUNS=3; TOUR=5; [ "$QUICK" = 1 ] && { RUNS=1; TOUR=2; }
SRV=10.78.62.1; CLI=10.78.62.11; PORT=80; CDN=$(web_port cdn)
mkdir -p "$OUT/http"
CAP="$OUT/http/$NAME.pcap"

lab_switch_create sw
lab_host_add sw srv $SRV/16 - 40; web_csum_off srv
web_client_add sw cli $CLI/16 - 40
web_log "$NAME: ports $PORT $CDN; $(web_versions)"
web_site --seed "$SEED" --pages 10 --cdn "http://$SRV:$CDN" --scale 0.12
lab_bg srv "$WORK/logs/api.log" "$WEB_PY" "$WEB_APPS/http_api.py" --host $SRV --port $PORT --static "$WORK/site" --seed "$SEED" >/dev/null
lab_bg srv "$WORK/logs/cdn.log" "$WEB_PY" "$WEB_APPS/http_api.py" --host $SRV --port "$CDN" --static "$WORK/site" --seed "$SEED" >/dev/null
web_wait_listen srv "$PORT"; web_wait_listen srv "$CDN"
cap=$(lab_capture_start cli "$CAP")
for i in $(seq 1 $RUNS); do
  start=$(web_rand "start$i" 0 9)
  page=index.html; [ "$start" -gt 0 ] && page="p$start.html"
  web_chromium cli "$WORK/logs/chromium.log" $((TOUR * 8 + 10)) "http://$SRV:$PORT/$page?tour=$TOUR&think=8000"
  sleep 1
done
lab_capture_stop "$cap"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" no "tcp,$SRV,$PORT,http" "tcp,$SRV,$CDN,http"

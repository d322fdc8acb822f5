#!/usr/bin/env bash
# http_nginx_chromium_pages.sh -- headless Chromium browsing a multi-page site over plain HTTP/1.1.
# quick: yes
# lab: quick
# software: nginx; headless Chromium
# Server: nginx (HTTP/1.1, keepalive_timeout 4 s, 40 requests per connection) on two random high
# ports of 10.78.3.1: the site (HTML, CSS, JS, fonts, JSON API answers) and a "CDN" origin for the
# images, so Chromium opens up to 6 parallel keep-alive connections per origin.  Client host:
# sequential headless Chromium runs (fresh profile each), each following ?tour=K random links with
# a think time of up to 7 s (idle keep-alive connections close, new ones open).  Link 50 Mbit/s; the client sits behind the user-space WAN link (apps/wan_link.py, no jitter or loss; the committed capture was recorded with its constant-delay predecessor) adding 8 ms each way (RTT about 16 ms).
# Capture: tcpdump -s 128 on the client's eth0 (pcap).
# Usage: http_nginx_chromium_pages.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario http_nginx_chromium_pages "$@"
RUNS=5; TOUR=7; [ "$QUICK" = 1 ] && { RUNS=1; TOUR=2; }
SRV=10.78.3.1; CLI=10.78.3.11; PORT=$(web_port site); CDN=$(web_port cdn)
mkdir -p "$OUT/http"
CAP="$OUT/http/$NAME.pcap"

lab_switch_create sw
lab_host_add sw srv $SRV/16 - 50; web_csum_off srv
web_delay_host sw cli $CLI/16 - 50 8
web_log "$NAME: ports $PORT $CDN; $(web_versions)"
web_site --seed "$SEED" --pages 10 --cdn "http://$SRV:$CDN" --scale 0.35
web_nginx_start srv 4 40 "$SRV:$PORT" "$SRV:$CDN" >/dev/null
web_wait_listen srv "$PORT"
cap=$(lab_capture_start cli "$CAP")
for i in $(seq 1 $RUNS); do
  start=$(web_rand "start$i" 0 9)
  page=index.html; [ "$start" -gt 0 ] && page="p$start.html"
  web_chromium cli "$WORK/logs/chromium.log" $((TOUR * 8 + 10)) "http://$SRV:$PORT/$page?tour=$TOUR&think=7000"
  sleep 1
done
lab_capture_stop "$cap"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" no "tcp,$SRV,$PORT,http" "tcp,$SRV,$CDN,http"

#!/usr/bin/env bash
# http_lighttpd_chromium_pages.sh -- headless Chromium touring a multi-page site served by lighttpd over plain HTTP/1.1.
# quick: yes
# lab: quick
# software: lighttpd (mod_deflate); headless Chromium
# Server 10.78.60.1: lighttpd (plain HTTP/1.1, max-keep-alive-idle 5 s, 100 requests per
# connection) on two random high ports: the site (HTML, CSS, JS, fonts, JSON) and, as a second
# server socket, the image "CDN" origin, so Chromium opens up to 6 keep-alive connections per
# origin.  Client host: sequential headless Chromium runs (fresh profile each), each following
# ?tour=K random links with think times of up to 5 s (idle connections close, new ones open).
# Site: 8 pages, asset scale 0.2.  Link 30 Mbit/s.
# Capture: tcpdump -s 128 on the client's eth0 (pcap).
# Usage: http_lighttpd_chromium_pages.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario http_lighttpd_chromium_pages "$@"
RUNS=3; TOUR=5; [ "$QUICK" = 1 ] && { RUNS=1; TOUR=2; }
SRV=10.78.60.1; CLI=10.78.60.11; PORT=$(web_port site); CDN=$(web_port cdn)
mkdir -p "$OUT/http"
CAP="$OUT/http/$NAME.pcap"

lab_switch_create sw
lab_host_add sw srv $SRV/16 - 30; web_csum_off srv
web_client_add sw cli $CLI/16 - 30
web_log "$NAME: ports $PORT $CDN; $(web_versions)"
web_site --seed "$SEED" --pages 8 --cdn "http://$SRV:$CDN" --scale 0.2
web_lighttpd_start srv $SRV "$PORT" disable 5 100 "$CDN" >/dev/null
web_wait_listen srv "$PORT"; web_wait_listen srv "$CDN"
cap=$(lab_capture_start cli "$CAP")
for i in $(seq 1 $RUNS); do
  start=$(web_rand "start$i" 0 7)
  page=index.html; [ "$start" -gt 0 ] && page="p$start.html"
  web_chromium cli "$WORK/logs/chromium.log" $((TOUR * 6 + 10)) "http://$SRV:$PORT/$page?tour=$TOUR&think=5000"
  sleep 1
done
lab_capture_stop "$cap"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" no "tcp,$SRV,$PORT,http" "tcp,$SRV,$CDN,http"

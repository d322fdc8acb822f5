#!/usr/bin/env bash
# https_nginx_chromium_pages_h1_51413.sh -- headless Chromium touring a site over HTTPS with HTTP/2 off (HTTP/1.1 over TLS), site on 51413.
# quick: yes
# lab: quick
# software: nginx (TLS, HTTP/1.1 only); headless Chromium
# Server 10.78.63.1: nginx with the lab's self-signed cert and no http2 on either listener: the
# site on 51413 (a BitTorrent port) and the image "CDN" origin on 443; keepalive_timeout 3 s,
# 20 requests per connection, so Chromium's 6 connections per origin close and reopen often.
# Client host: sequential headless Chromium runs (fresh profile each), each following ?tour=K
# random links with think times of up to 6 s.  Site: 5 pages, asset scale 0.18.
# Link 100 Mbit/s.
# Capture: tcpdump -s 128 on the client's eth0 (pcap).
# Usage: https_nginx_chromium_pages_h1_51413.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario https_nginx_chromium_pages_h1_51413 "$@"
RUNS=3; TOUR=4; [ "$QUICK" = 1 ] && { RUNS=1; TOUR=2; }
SRV=10.78.63.1; CLI=10.78.63.11; PORT=51413; CDN=443
mkdir -p "$OUT/http"
CAP="$OUT/http/$NAME.pcap"

lab_switch_create sw
lab_host_add sw srv $SRV/16 - 100; web_csum_off srv
web_client_add sw cli $CLI/16 - 100
web_log "$NAME: ports $PORT $CDN; $(web_versions)"
web_certs $SRV
web_site --seed "$SEED" --pages 5 --cdn "https://$SRV:$CDN" --scale 0.18
web_nginx_start srv 3 20 "$SRV:$PORT ssl" "$SRV:$CDN ssl" >/dev/null
web_wait_listen srv "$PORT"
cap=$(lab_capture_start cli "$CAP")
for i in $(seq 1 $RUNS); do
  start=$(web_rand "start$i" 0 4)
  page=index.html; [ "$start" -gt 0 ] && page="p$start.html"
  web_chromium cli "$WORK/logs/chromium.log" $((TOUR * 7 + 10)) "https://$SRV:$PORT/$page?tour=$TOUR&think=6000"
  sleep 1
done
lab_capture_stop "$cap"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$PORT,http" "tcp,$SRV,$CDN,http"

#!/usr/bin/env bash
# https_lighttpd_chromium_pages_443.sh -- headless Chromium touring a site over HTTPS served by lighttpd on 443, image origin on 6881.
# quick: yes
# lab: quick
# software: lighttpd (mod_openssl, TLS; lighttpd 1.4.69 offers HTTP/2 via ALPN by default); headless Chromium
# Server 10.78.61.1: lighttpd with the lab's self-signed cert, max-keep-alive-idle 6 s: the site
# on 443 and the image "CDN" origin as a second TLS socket on 6881 (a BitTorrent port).  Client
# host: sequential headless Chromium runs (fresh profile each), each following ?tour=K random
# links with think times of up to 6 s.  Site: 6 pages, asset scale 0.15.  Link 20 Mbit/s.
# Capture: tcpdump -s 128 on the client's eth0 (pcap).
# Usage: https_lighttpd_chromium_pages_443.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario https_lighttpd_chromium_pages_443 "$@"
RUNS=3; TOUR=5; [ "$QUICK" = 1 ] && { RUNS=1; TOUR=2; }
[ -n "$WEB_DUR" ] && RUNS=2
SRV=10.78.61.1; CLI=10.78.61.11; PORT=443; CDN=6881
mkdir -p "$OUT/http"
CAP="$OUT/http/$NAME.pcap"

lab_switch_create sw
lab_host_add sw srv $SRV/16 - 20; web_csum_off srv
web_client_add sw cli $CLI/16 - 20
web_log "$NAME: ports $PORT $CDN; $(web_versions)"
web_certs $SRV
web_site --seed "$SEED" --pages 6 --cdn "https://$SRV:$CDN" --scale 0.15
web_lighttpd_start srv $SRV "$PORT" enable 6 100 "$CDN" >/dev/null
web_wait_listen srv "$PORT"; web_wait_listen srv "$CDN"
cap=$(lab_capture_start cli "$CAP")
for i in $(seq 1 $RUNS); do
  start=$(web_rand "start$i" 0 5)
  page=index.html; [ "$start" -gt 0 ] && page="p$start.html"
  web_chromium cli "$WORK/logs/chromium.log" $((TOUR * 7 + 12)) "https://$SRV:$PORT/$page?tour=$TOUR&think=6000"
  sleep 1
done
lab_capture_stop "$cap"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$PORT,http" "tcp,$SRV,$CDN,http"

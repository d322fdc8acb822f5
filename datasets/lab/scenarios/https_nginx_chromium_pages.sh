#!/usr/bin/env bash
# https_nginx_chromium_pages.sh -- headless Chromium browsing a site over HTTPS (HTTP/2 + HTTP/1.1 over TLS).
# quick: yes
# lab: quick
# software: nginx (TLS, HTTP/2 + HTTP/1.1); headless Chromium
# Server 10.78.10.1: nginx with the lab's self-signed cert: the site on 443 with HTTP/2 (one
# multiplexed connection per visit) and the image "CDN" origin on a random high port with
# HTTP/1.1 over TLS (up to 6 parallel keep-alive connections); keepalive_timeout 5 s.
# Client host: sequential headless Chromium runs (fresh profile each), each following ?tour=K
# random links with think times of up to 8 s.  Link 80 Mbit/s; the client sits behind the user-space WAN link (apps/wan_link.py, no jitter or loss; the committed capture was recorded with its constant-delay predecessor) adding 12 ms each way (RTT about 24 ms).
# Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: https_nginx_chromium_pages.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario https_nginx_chromium_pages "$@"
RUNS=4; TOUR=7; [ "$QUICK" = 1 ] && { RUNS=1; TOUR=2; }
SRV=10.78.10.1; CLI=10.78.10.11; PORT=443; CDN=$(web_port cdn)
mkdir -p "$OUT/http"
CAP="$OUT/http/$NAME.pcap"

lab_switch_create sw
lab_host_add sw srv $SRV/16 - 80; web_csum_off srv
web_delay_host sw cli $CLI/16 - 80 12
web_log "$NAME: ports $PORT $CDN; $(web_versions)"
web_certs $SRV
web_site --seed "$SEED" --pages 10 --cdn "https://$SRV:$CDN" --scale 0.3
web_nginx_start srv 5 50 "$SRV:$PORT ssl http2" "$SRV:$CDN ssl" >/dev/null
web_wait_listen srv "$PORT"
cap=$(lab_capture_start cli "$CAP")
for i in $(seq 1 $RUNS); do
  start=$(web_rand "start$i" 0 9)
  page=index.html; [ "$start" -gt 0 ] && page="p$start.html"
  web_chromium cli "$WORK/logs/chromium.log" $((TOUR * 9 + 10)) "https://$SRV:$PORT/$page?tour=$TOUR&think=8000"
  sleep 1
done
lab_capture_stop "$cap"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$PORT,http" "tcp,$SRV,$CDN,http"

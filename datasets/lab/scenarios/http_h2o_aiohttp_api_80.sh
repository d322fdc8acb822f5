#!/usr/bin/env bash
# http_h2o_aiohttp_api_80.sh -- h2o (plain HTTP/1.1) on port 80: aiohttp and httpx API users, polls, long-polls and uploads, lynx page walks.
# quick: yes
# software: h2o 2.2.5 (libh2o HTTP/1.1; proxy -> aiohttp http_api.py); aiohttp 3.8 client; httpx 0.23 (h11); lynx 2.9
# Server 10.78.134.1: h2o on 80 (plain, idle timeout 20 s), the gen_site.py site, /api and /dl
# proxied to http_api.py on 127.0.0.1:9002 (events every 5 s on average).  Client host: 5 users,
# each session a new aiohttp or httpx client (api bursts, REST polls every 1..6 s, long-polls,
# uploads 1 .. 120 kB) or a lynx page walk.  Link 10 Mbit/s.
# Capture: tcpdump -s 128 on the client's eth0 (pcap).
# Usage: http_h2o_aiohttp_api_80.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME --duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/impl_weblib.sh"
web_scenario http_h2o_aiohttp_api_80 "$@"
DUR=${WEB_DUR:-75}; [ "$QUICK" = 1 ] && DUR=20
SRV=10.78.134.1; CLI=10.78.134.11; PORT=80

web_two_hosts http 10
web_log "$NAME: port $PORT; $(impl_ver h2o python3-aiohttp python3-httpx lynx)"
web_site --seed "$SEED" --pages 4 --scale 0.1
web_api_backend srv "$WORK/logs/api.log" --event-mean 5 >/dev/null
impl_h2o_start srv $SRV $PORT off 20 >/dev/null
web_wait_listen srv $PORT; web_wait_listen srv 9002
cap=$(lab_capture_start cli "$CAP")
impl_http_client cli "$WORK/logs/client.log" --url "http://$SRV:$PORT" --impls aiohttp,httpx,aiohttp,httpx,lynx \
  --mode api,poll,upload --clients 5 --duration "$DUR" --session-min 4 --session-max 35 --up-max 120000 --longpoll-frac 0.4
sleep 2
lab_capture_stop "$cap"
impl_truth "$OUT/http/$NAME.truth.csv" "$NAME" no h2o \
  "$(impl_roles http-server=h2o=h2o http-client=aiohttp=python3-aiohttp http-client=httpx=python3-httpx http-client=lynx=lynx)" \
  "tcp,$SRV,$PORT,http"

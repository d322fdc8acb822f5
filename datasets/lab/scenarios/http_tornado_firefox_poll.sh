#!/usr/bin/env bash
# http_tornado_firefox_poll.sh -- tornado's HTTP server (plain, random high port): headless Firefox ESR fetch() polling and long-polling, httpx and aiohttp API users.
# quick: yes
# software: tornado 6.2 HTTPServer (apps/impl_ws_server.py --impl tornado: static site + the http_api.py API in tornado); headless Firefox ESR; httpx 0.23 (h11); aiohttp 3.8 client
# Server 10.78.135.1: apps/impl_ws_server.py --impl tornado serving the site and /api/status,
# /api/items, /api/poll (long-poll, events every 6 s on average), /api/upload, /dl/<bytes> on a
# random high port (keep-alive idle timeout 20 s).  Client host: headless Firefox ESR runs
# longpoll.html's long-polling (2 loops, hold 15 s), then REST polling (2 loops, every 2.5 s);
# meanwhile 3 users with httpx or aiohttp (api bursts, polls, uploads 1 .. 100 kB).
# Link 10 Mbit/s.
# Capture: tcpdump -s 128 on the client's eth0 (pcap).
# Usage: http_tornado_firefox_poll.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME --duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/impl_weblib.sh"
web_scenario http_tornado_firefox_poll "$@"
T=35; [ "$QUICK" = 1 ] && T=12
[ -n "$WEB_DUR" ] && T=$(( (WEB_DUR - 16) / 2 ))
SRV=10.78.135.1; CLI=10.78.135.11; PORT=$(web_port api)

web_two_hosts http 10
web_log "$NAME: port $PORT; $(impl_ver python3-tornado firefox-esr python3-httpx python3-aiohttp)"
web_site --seed "$SEED" --pages 2 --scale 0.1
impl_ws_server srv "$WORK/logs/server.log" tornado --host $SRV --port "$PORT" --static "$WORK/site" \
  --keepalive 20 --event-mean 6 >/dev/null
web_wait_listen srv "$PORT"
cap=$(lab_capture_start cli "$CAP")
lab_bg cli "$WORK/logs/client.log" "$WEB_PY" "$WEB_APPS/impl_http_client.py" --url "http://$SRV:$PORT" \
  --impls httpx,aiohttp --mode api,poll,upload --clients 3 --duration $((2 * T + 12)) --session-min 4 --session-max 30 \
  --up-max 100000 --seed $((SEED + 1)) >/dev/null
impl_firefox cli "$WORK/logs/firefox.log" $((T + 5)) "http://$SRV:$PORT/longpoll.html?mode=longpoll&t=$T&n=2&hold=15"
impl_firefox cli "$WORK/logs/firefox.log" $((T + 5)) "http://$SRV:$PORT/longpoll.html?mode=poll&t=$T&n=2&every=2500"
sleep 4
lab_capture_stop "$cap"
impl_truth "$OUT/http/$NAME.truth.csv" "$NAME" no tornado \
  "$(impl_roles http-server=tornado=python3-tornado http-client=firefox=firefox-esr http-client=httpx=python3-httpx http-client=aiohttp=python3-aiohttp)" \
  "tcp,$SRV,$PORT,http"

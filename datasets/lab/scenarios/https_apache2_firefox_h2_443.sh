#!/usr/bin/env bash
# https_apache2_firefox_h2_443.sh -- Apache httpd (mod_ssl, mod_http2) on 443: headless Firefox ESR page tours and fetch() polling, httpx HTTP/2 users.
# quick: yes
# software: apache2 2.4 (event MPM, mod_ssl / OpenSSL 3, mod_http2, mod_proxy -> aiohttp http_api.py); headless Firefox ESR; httpx 0.23 (h2)
# Server 10.78.130.1: apache2 with the lab certificate on 443 (Protocols h2 http/1.1, keep-alive
# 5 s), the gen_site.py site, /api/ and /dl/ proxied to http_api.py (aiohttp) on 127.0.0.1:9002.
# Client host: headless Firefox ESR (fresh profile, lab CA, background services off) tours the site
# (3 linked pages, 6 s reading pauses) and runs longpoll.html's REST polling (2 loops, 3 s), then
# a second tour; meanwhile 3 httpx users over HTTP/2 (api bursts, page + assets multiplexed,
# downloads 20 .. 300 kB, uploads 1 .. 150 kB).  Link 20 Mbit/s.
# Capture: tcpdump -s 128 on the client's eth0 (pcap).
# Usage: https_apache2_firefox_h2_443.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME --duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/impl_weblib.sh"
web_scenario https_apache2_firefox_h2_443 "$@"
T=25; [ "$QUICK" = 1 ] && T=10
[ -n "$WEB_DUR" ] && T=$(( (WEB_DUR - 20) / 3 ))
SRV=10.78.130.1; CLI=10.78.130.11; PORT=443

web_two_hosts http 20
web_log "$NAME: port $PORT; $(impl_ver apache2 firefox-esr python3-httpx python3-h2)"
web_certs $SRV
web_site --seed "$SEED" --pages 4 --scale 0.2
web_api_backend srv "$WORK/logs/api.log" >/dev/null
impl_apache2_start srv "$SRV:$PORT" on "h2 http/1.1" 5 100 >/dev/null
web_wait_listen srv $PORT; web_wait_listen srv 9002
cap=$(lab_capture_start cli "$CAP")
lab_bg cli "$WORK/logs/httpx.log" "$WEB_PY" "$WEB_APPS/impl_http_client.py" --url "https://$SRV:$PORT" \
  --cafile "$WORK/certs/ca.crt" --impls httpx2 --mode api,page,download,upload --clients 3 --duration $((3 * T + 10)) \
  --session-min 3 --session-max 25 --dl-max 300000 --up-max 150000 --seed $((SEED + 1)) >/dev/null
impl_firefox cli "$WORK/logs/firefox.log" $((T + 8)) "https://$SRV:$PORT/index.html?tour=3&think=6000"
impl_firefox cli "$WORK/logs/firefox.log" $((T + 5)) "https://$SRV:$PORT/longpoll.html?mode=poll&t=$T&n=2&every=3000"
impl_firefox cli "$WORK/logs/firefox.log" $((T + 8)) "https://$SRV:$PORT/p2.html?tour=3&think=5000"
sleep 5
lab_capture_stop "$cap"
impl_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes apache2 \
  "$(impl_roles http-server=apache2=apache2 http-client=firefox=firefox-esr http-client=httpx=python3-httpx)" \
  "tcp,$SRV,$PORT,http"

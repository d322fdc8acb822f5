#!/usr/bin/env bash
# https_h2o_firefox_pages_v6_8443.sh -- h2o (HTTP/2, TLS) on IPv6 port 8443: headless Firefox ESR page tours and httpx HTTP/2 downloads.
# quick: yes
# software: h2o 2.2.5 (libh2o HTTP/1.1 + HTTP/2, OpenSSL; proxy -> aiohttp http_api.py); headless Firefox ESR; httpx 0.23 (h2)
# Server fd78::133:1: h2o with the lab certificate on 8443 (h2 by ALPN, idle timeout 10 s), the
# gen_site.py site, /api and /dl proxied to http_api.py on 127.0.0.1:9002.  Client host
# fd78::133:11: headless Firefox ESR tours the site three times (3..4 linked pages, 5..7 s reading
# pauses); meanwhile 2 httpx HTTP/2 users run page + asset loads and downloads (20 .. 300 kB).
# Link 20 Mbit/s.
# Capture: tcpdump -s 128 on the client's eth0 (pcap).
# Usage: https_h2o_firefox_pages_v6_8443.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME --duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/impl_weblib.sh"
web_scenario https_h2o_firefox_pages_v6_8443 "$@"
T=22; [ "$QUICK" = 1 ] && T=10
[ -n "$WEB_DUR" ] && T=$(( (WEB_DUR - 20) / 3 ))
SRV6=fd78::133:1; CLI6=fd78::133:11; PORT=8443
mkdir -p "$OUT/http"; CAP="$OUT/http/$NAME.pcap"
lab_switch_create sw
lab_host_add sw srv 10.78.133.1/16 $SRV6/64 20
web_client_add sw cli 10.78.133.11/16 $CLI6/64 20
web_log "$NAME: port $PORT; $(impl_ver h2o firefox-esr python3-httpx)"
web_certs $SRV6
web_site --seed "$SEED" --pages 4 --scale 0.2
web_api_backend srv "$WORK/logs/api.log" >/dev/null
impl_h2o_start srv "$SRV6" $PORT on 10 >/dev/null
web_wait_listen srv $PORT; web_wait_listen srv 9002
cap=$(lab_capture_start cli "$CAP")
lab_bg cli "$WORK/logs/httpx.log" "$WEB_PY" "$WEB_APPS/impl_http_client.py" --url "https://[$SRV6]:$PORT" \
  --cafile "$WORK/certs/ca.crt" --impls httpx2 --mode page,download --clients 2 --duration $((3 * T + 10)) \
  --session-min 3 --session-max 25 --dl-max 300000 --seed $((SEED + 1)) >/dev/null
impl_firefox cli "$WORK/logs/firefox.log" $((T + 8)) "https://[$SRV6]:$PORT/index.html?tour=3&think=6000"
impl_firefox cli "$WORK/logs/firefox.log" $((T + 8)) "https://[$SRV6]:$PORT/p1.html?tour=3&think=5000"
impl_firefox cli "$WORK/logs/firefox.log" $((T + 8)) "https://[$SRV6]:$PORT/p3.html?tour=4&think=7000"
sleep 5
lab_capture_stop "$cap"
impl_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes h2o \
  "$(impl_roles http-server=h2o=h2o http-client=firefox=firefox-esr http-client=httpx=python3-httpx)" \
  "tcp,$SRV6,$PORT,http"

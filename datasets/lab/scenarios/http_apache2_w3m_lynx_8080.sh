#!/usr/bin/env bash
# http_apache2_w3m_lynx_8080.sh -- Apache httpd (plain HTTP/1.1, 8080) with text browsers (w3m, lynx), aiohttp and httpx clients.
# quick: yes
# software: apache2 2.4 (event MPM, mod_proxy -> aiohttp http_api.py); w3m 0.5.3; lynx 2.9; aiohttp 3.8 client; httpx 0.23 (h11)
# Server 10.78.131.1: apache2 on 8080, HTTP/1.1 only, keep-alive 15 s, the gen_site.py site, /api/
# and /dl/ proxied to http_api.py on 127.0.0.1:9002.  Client host: 5 users, each session one of
# w3m -dump or lynx -dump page walks (one process and connection per page; lynx speaks HTTP/1.0),
# or aiohttp / httpx (HTTP/1.1 keep-alive pools) api bursts, REST polls and long-polls, page +
# assets and downloads (20 .. 250 kB).  Link 10 Mbit/s.
# Capture: tcpdump -s 128 on the client's eth0 (pcap).
# Usage: http_apache2_w3m_lynx_8080.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME --duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/impl_weblib.sh"
web_scenario http_apache2_w3m_lynx_8080 "$@"
DUR=${WEB_DUR:-75}; [ "$QUICK" = 1 ] && DUR=20
SRV=10.78.131.1; CLI=10.78.131.11; PORT=8080

web_two_hosts http 10
web_log "$NAME: port $PORT; $(impl_ver apache2 w3m lynx python3-aiohttp python3-httpx)"
web_site --seed "$SEED" --pages 4 --scale 0.15
web_api_backend srv "$WORK/logs/api.log" --event-mean 6 >/dev/null
impl_apache2_start srv "$SRV:$PORT" off "http/1.1" 15 100 >/dev/null
web_wait_listen srv $PORT; web_wait_listen srv 9002
cap=$(lab_capture_start cli "$CAP")
impl_http_client cli "$WORK/logs/client.log" --url "http://$SRV:$PORT" --impls w3m,lynx,aiohttp,httpx \
  --mode page,api,poll,download --clients 5 --duration "$DUR" --session-min 4 --session-max 30 --dl-max 250000
sleep 2
lab_capture_stop "$cap"
impl_truth "$OUT/http/$NAME.truth.csv" "$NAME" no apache2 \
  "$(impl_roles http-server=apache2=apache2 http-client=w3m=w3m http-client=lynx=lynx http-client=aiohttp=python3-aiohttp http-client=httpx=python3-httpx)" \
  "tcp,$SRV,$PORT,http"

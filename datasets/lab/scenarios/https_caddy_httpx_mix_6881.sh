#!/usr/bin/env bash
# https_caddy_httpx_mix_6881.sh -- Caddy (Go net/http, crypto/tls, HTTP/2) on 6881 with httpx (HTTP/2 and HTTP/1.1) and aiohttp users; pcapng.
# quick: yes
# software: caddy 2.6 (file_server, reverse_proxy -> aiohttp http_api.py); httpx 0.23 (h2 4.1 / h11); aiohttp 3.8 client
# Server 10.78.132.1: caddy with the lab certificate on 6881 (a BitTorrent port; h1 + h2, idle
# timeout 20 s), the gen_site.py site, /api/* and /dl/* proxied to http_api.py on 127.0.0.1:9002.
# Client host: 5 users, each session a new client of httpx over HTTP/2, httpx over HTTP/1.1 or
# aiohttp: api bursts, REST polls and long-polls, page + assets, downloads (20 .. 300 kB) and
# uploads (1 .. 150 kB).  Link 15 Mbit/s.
# Capture: dumpcap -s 128 on the client's eth0 (pcapng).
# Usage: https_caddy_httpx_mix_6881.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME --duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/impl_weblib.sh"
web_scenario https_caddy_httpx_mix_6881 "$@"
DUR=${WEB_DUR:-75}; [ "$QUICK" = 1 ] && DUR=20
SRV=10.78.132.1; CLI=10.78.132.11; PORT=6881

web_two_hosts http 15 pcapng
web_log "$NAME: port $PORT; $(impl_ver caddy python3-httpx python3-h2 python3-aiohttp)"
web_certs $SRV
web_site --seed "$SEED" --pages 4 --scale 0.15
web_api_backend srv "$WORK/logs/api.log" --event-mean 5 >/dev/null
impl_caddy_start srv $SRV $PORT on "h1 h2" 20 >/dev/null
web_wait_listen srv $PORT; web_wait_listen srv 9002
cap=$(lab_capture_start cli "$CAP" --dumpcap)
impl_http_client cli "$WORK/logs/client.log" --url "https://$SRV:$PORT" --cafile "$WORK/certs/ca.crt" \
  --impls httpx2,httpx,aiohttp --mode api,poll,page,download,upload --clients 5 --duration "$DUR" \
  --session-min 4 --session-max 30 --dl-max 300000 --up-max 150000
sleep 2
lab_capture_stop "$cap"; chmod 644 "$CAP"
impl_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes caddy \
  "$(impl_roles http-server=caddy=caddy http-client=httpx=python3-httpx http-client=aiohttp=python3-aiohttp)" \
  "tcp,$SRV,$PORT,http"

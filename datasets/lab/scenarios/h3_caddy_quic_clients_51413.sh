#!/usr/bin/env bash
# h3_caddy_quic_clients_51413.sh -- HTTP/3 on UDP 51413 against Caddy (quic-go inside): quinn, quic-go and aioquic users, no browser.
# quick: yes
# software: caddy (Debian; h1/h2/h3, HTTP/3 by its bundled quic-go) + aiohttp API backend; h3-quinn-client (h3 + quinn); h3-quicgo client (quic-go); apps/h3_client.py (aioquic)
# Server 10.78.221.1: caddy with the lab self-signed cert on TCP and UDP 51413 serving the site and
# proxying /api/ and /dl/ to http_api.py (aiohttp) on loopback.  Client host: HTTP/3 users only
# (every session one QUIC connection): 2 quinn users (pages, downloads 15..120 kB), 2 quic-go
# users (API calls, long-polls of up to 25 s), 2 aioquic users (uploads 2..50 kB, API calls);
# sessions 4..25 s, think 0.5..6 s.  Link 12 Mbit/s.
# Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: h3_caddy_quic_clients_51413.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME] [--duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/impl_weblib.sh"
source "$LAB_DIR/apps/carrierlib.sh"
web_scenario h3_caddy_quic_clients_51413 "$@"
DUR=${WEB_DUR:-60}; [ "$QUICK" = 1 ] && DUR=20
SRV=10.78.221.1; CLI=10.78.221.11; PORT=51413

web_two_hosts http 12
web_log "$NAME: tcp+udp port $PORT; caddy $(car_deb caddy)"
web_certs $SRV
web_site --seed "$SEED" --pages 6 --scale 0.1
web_api_backend srv "$WORK/logs/api.log" --event-mean 6 >/dev/null
impl_caddy_start srv $SRV $PORT on "h1 h2 h3" 30 >/dev/null
web_wait_listen srv $PORT; web_wait_listen srv 9002
cap=$(lab_capture_start cli "$CAP")
users=(--duration "$DUR" --session-min 4 --session-max 25 --think-min 0.5 --think-max 6 --pages 6)
p1=$(car_h3_users quinn cli $SRV $PORT "${users[@]}" --clients 2 --mode pages,download --dl-sizes 15000,50000,120000)
p2=$(car_h3_users quicgo cli $SRV $PORT "${users[@]}" --clients 2 --mode api,poll)
p3=$(car_h3_users aioquic cli $SRV $PORT "${users[@]}" --clients 2 --mode upload,api --up-max 50000)
web_wait_pids $((DUR + 60)) "$p1" "$p2" "$p3"
tail -qn1 "$WORK"/logs/users-*.log >&2
lab_capture_stop "$cap"
car_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes caddy \
  "http-server=caddy $(car_deb caddy); http-client=$(car_h3_version quinn); http-client=$(car_h3_version quicgo); http-client=$(car_h3_version aioquic)" \
  "udp,$SRV,$PORT,http" "tcp,$SRV,$PORT,http"

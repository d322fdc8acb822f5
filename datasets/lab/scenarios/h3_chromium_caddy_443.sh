#!/usr/bin/env bash
# h3_chromium_caddy_443.sh -- headless Chromium on HTTP/3 against Caddy (HTTP/1.1, h2 and h3 on 443): Alt-Svc switches and forced QUIC.
# quick: yes
# software: caddy (Debian; TLS 1.3, HTTP/2 over TCP + HTTP/3 over QUIC on 443) + aiohttp API backend; chromium (QUIC on)
# Server 10.78.202.1: caddy with the lab self-signed cert on TCP and UDP 443 serving the site and
# proxying /api/ to http_api.py (aiohttp) on loopback; every answer carries Alt-Svc: h3=":443".
# Client host: sequential headless Chromium runs (fresh profile each, QUIC enabled, the cert's
# SPKI hash accepted): odd runs start on TCP (h2) and move to QUIC after Alt-Svc (both flows are
# http), even runs are forced onto QUIC from the first request (--origin-to-force-quic-on); each
# run a page tour (?tour=K, think up to 8 s) or the long-poll page (fetch polling / long-polls).
# Link 10 Mbit/s.  Capture: tcpdump -s 128 -i any on the client (Linux cooked v2, pcap).
# Usage: h3_chromium_caddy_443.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME] [--duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/carrierlib.sh"
web_scenario h3_chromium_caddy_443 "$@"
RUNS=4; T=40; [ "$QUICK" = 1 ] && { RUNS=2; T=20; }
[ -n "$WEB_DUR" ] && RUNS=$((WEB_DUR / (T + 8)))
SRV=10.78.202.1; CLI=10.78.202.11; PORT=443

web_two_hosts http 10
web_log "$NAME: tcp+udp port $PORT; caddy $(car_deb caddy) chromium $(car_deb chromium)"
web_certs $SRV
web_site --seed "$SEED" --pages 6 --scale 0.15
web_api_backend srv "$WORK/logs/api.log" --event-mean 6 >/dev/null
cat > "$WORK/Caddyfile" <<CADDY
{
	admin off
	auto_https off
	servers {
		protocols h1 h2 h3
	}
}
https://$SRV:$PORT {
	bind $SRV
	tls $WORK/certs/server.crt $WORK/certs/server.key
	header Alt-Svc "h3=\":$PORT\"; ma=3600"
	reverse_proxy /api/* 127.0.0.1:9002
	root * $WORK/site
	file_server
}
CADDY
lab_bg srv "$WORK/logs/caddy.log" env HOME="$WORK" XDG_DATA_HOME="$WORK/tmp" XDG_CONFIG_HOME="$WORK/tmp" \
  caddy run --adapter caddyfile --config "$WORK/Caddyfile" >/dev/null
web_wait_listen srv $PORT; web_wait_listen srv 9002
cap=$(lab_capture_start cli "$CAP" -i any)
for i in $(seq 1 $RUNS); do
  origin=""; [ $((i % 2)) = 0 ] && origin="$SRV:$PORT"
  if [ $((i % 3)) = 0 ]; then
    url="https://$SRV:$PORT/longpoll.html?mode=longpoll&t=$T&n=2&hold=15"
  else
    url="https://$SRV:$PORT/p$(web_rand "page$i" 1 5).html?tour=$((T / 8))&think=8000"
  fi
  car_chromium_h3 cli "$WORK/logs/chromium.log" $((T + 5)) "$url" $origin
  sleep 2
done
lab_capture_stop "$cap"
car_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes caddy \
  "http-server=caddy $(car_deb caddy); http-client=chromium $(car_deb chromium)" \
  "tcp,$SRV,$PORT,http" "udp,$SRV,$PORT,http"

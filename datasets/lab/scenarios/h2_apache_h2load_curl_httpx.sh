#!/usr/bin/env bash
# h2_apache_h2load_curl_httpx.sh -- HTTP/2 against apache2 (mod_http2): h2 over TLS on 443 and cleartext h2c on 80, from h2load, curl and httpx.
# quick: yes
# software: apache2 (mod_http2, mod_ssl / OpenSSL) + aiohttp API backend; h2load (nghttp2-client), curl (nghttp2), python3-httpx (h2)
# Server 10.78.204.1: apache2 with the site and /api/ proxied to http_api.py on loopback; a TLS
# virtual host on 443 (Protocols h2 http/1.1) and a plain one on 80 (Protocols h2c http/1.1,
# H2Direct on).  Client host: h2_users.py, 2 users against https://SRV:443 (curl --http2 with -Z
# parallel page loads, h2load bursts of 3..40 requests on 1..10 streams, httpx browsing sessions
# with uploads) and 2 users against http://SRV:80 (the same tools over h2c: curl
# --http2-prior-knowledge fetching one URL, or on seeds where --h2c upgrade is picked, HTTP/1.1 Upgrade: h2c;
# h2load and httpx with prior knowledge).  Link 20 Mbit/s.  Two captures on client eth0 (pcap):
# NAME-p443 (tcpdump -s 128 port 443, TLS) and NAME-p80 (port 80, h2c).
# Usage: h2_apache_h2load_curl_httpx.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME] [--duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/carrierlib.sh"
web_scenario h2_apache_h2load_curl_httpx "$@"
DUR=${WEB_DUR:-60}; CLIENTS=2; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=2; }
SRV=10.78.204.1; CLI=10.78.204.11
H2C=prior; [ "$(web_rand h2c 0 1)" = 1 ] && H2C=upgrade

web_two_hosts http 20
web_log "$NAME: ports 443 (h2) and 80 (h2c, $H2C); apache2 $(car_deb apache2)"
web_certs $SRV
web_site --seed "$SEED" --pages 6 --scale 0.15
web_api_backend srv "$WORK/logs/api.log" --event-mean 6 >/dev/null
car_apache_start srv "$SRV:443" "$SRV:80" >/dev/null
web_wait_listen srv 443; web_wait_listen srv 9002
cap1=$(lab_capture_start cli "$OUT/http/$NAME-p443.pcap" port 443)
cap2=$(lab_capture_start cli "$OUT/http/$NAME-p80.pcap" port 80)
p1=$(lab_bg cli "$WORK/logs/tls.log" "$WEB_PY" "$WEB_APPS/h2_users.py" --base "https://$SRV:443" --cacert "$WORK/certs/ca.crt" \
  --site "$WORK/site" --clients $CLIENTS --duration $DUR --up-max 60000 --seed "$SEED")
lab_exec cli "$WEB_PY" "$WEB_APPS/h2_users.py" --base "http://$SRV:80" --h2c $H2C \
  --site "$WORK/site" --clients $CLIENTS --duration $DUR --up-max 60000 --seed "$((SEED + 100))" 2> "$WORK/logs/h2c.log" || true
web_wait_pids 150 "$p1"
tail -3 "$WORK/logs/tls.log" >&2; tail -3 "$WORK/logs/h2c.log" >&2
lab_capture_stop "$cap1"; lab_capture_stop "$cap2"
ROLES="http-server=apache2 $(car_deb apache2); http-client=curl $(car_deb curl); http-client=h2load $(car_deb nghttp2-client); http-client=httpx $(car_deb python3-httpx)"
car_truth "$OUT/http/$NAME-p443.truth.csv" "$NAME" yes apache2 "$ROLES" "tcp,$SRV,443,http"
car_truth "$OUT/http/$NAME-p80.truth.csv" "$NAME" no apache2 "$ROLES" "tcp,$SRV,80,http"

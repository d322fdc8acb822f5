#!/usr/bin/env bash
# doh_unbound_curl_kdig_443.sh -- DNS over HTTPS on 443 served by unbound's own DoH listener (libnghttp2): kdig, curl --doh-url and dnspython lookups of many types, plus the HTTPS page fetches they resolve for.
# quick: yes
# software: unbound (https-port DoH, libnghttp2 / OpenSSL, local-data zone); nginx (TLS, HTTP/2) web origin on 8443; kdig (knot-dnsutils, +https), curl (--doh-url), python3-dnspython (dns.query.https over httpx HTTP/2)
# Server 10.78.230.1: unbound with https-port 443 (/dns-query, lab self-signed cert) answering
# lab.test from local-data (300 names svcN, SOA, NS, MX, TXT, CAA, SRV, 20 CNAMEs; no backend),
# and nginx serving the site over TLS on 8443.  Client host 10.78.230.11: doh_users.py with 6
# users: kdig +https processes (1..4 queries each), curl --doh-url resolving lab.test then fetching
# 1..3 pages from https://lab.test:8443, dnspython stub-resolver sessions (queries every 0.2..4 s
# on one HTTP/2 connection, 3..40 s); query types A, AAAA, MX, TXT, SRV, CNAME, NS, SOA, CAA.
# Link 10 Mbit/s.  Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: doh_unbound_curl_kdig_443.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME] [--duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/carrierlib.sh"
web_scenario doh_unbound_curl_kdig_443 "$@"
DUR=${WEB_DUR:-90}; CLIENTS=6; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=3; }
SRV=10.78.230.1; CLI=10.78.230.11; PORT=443

web_two_hosts http 10
web_log "$NAME: DoH port $PORT, web 8443; unbound $(car_deb unbound)"
web_certs $SRV
web_site --seed "$SEED" --pages 6 --scale 0.1
web_nginx_start srv 20 100 "$SRV:8443 ssl http2" >/dev/null
car_unbound_doh_start srv $SRV $PORT $SRV >/dev/null
web_wait_listen srv $PORT; web_wait_listen srv 8443
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_PY" "$WEB_APPS/doh_users.py" --doh "https://$SRV:$PORT/dns-query" --cacert "$WORK/certs/ca.crt" \
  --names "$WORK/names.txt" --web "https://lab.test:8443" --clients $CLIENTS --duration $DUR \
  --tools kdig,kdig,curl,dnspython --types A,A,AAAA,AAAA,MX,TXT,SRV,CNAME,NS,SOA,CAA \
  --session-min 3 --session-max 40 --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -12 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
car_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes unbound \
  "http-server=unbound $(car_deb unbound); http-server=nginx $(car_deb nginx-light); http-client=kdig $(car_deb knot-dnsutils); http-client=curl $(car_deb curl); http-client=dnspython $(car_deb python3-dnspython)" \
  "tcp,$SRV,$PORT,http" "tcp,$SRV,8443,http"

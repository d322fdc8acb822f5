#!/usr/bin/env bash
# doh_unbound_dnspython_v6_8443.sh -- DNS over HTTPS over IPv6 on 8443 served by unbound's own DoH listener (libnghttp2): long dnspython stub-resolver sessions, kdig +https and curl --doh-url.
# quick: yes
# software: unbound (https-port DoH, libnghttp2 / OpenSSL, local-data zone); nginx (TLS, HTTP/2) web origin on 443; python3-dnspython (dns.query.https over httpx HTTP/2), kdig (knot-dnsutils, +https), curl (--doh-url)
# Server fd78::231:1: unbound with https-port 8443 (/dns-query, lab self-signed cert) answering
# lab.test from local-data (300 names svcN, SOA, NS, MX, TXT, CAA, SRV, 20 CNAMEs; lab.test and
# www.lab.test AAAA only), nginx serving the site over TLS on [fd78::231:1]:443.  Client host
# fd78::231:11: doh_users.py with 8 users, a third of the sessions dnspython (one HTTP/2 connection,
# queries every 0.2..4 s for 5..50 s), the rest kdig +https processes (1..4 queries) and curl
# --doh-url resolving lab.test then fetching 1..3 pages over IPv6; query types A, AAAA, MX, TXT,
# SRV, CNAME, NS, SOA, CAA.  Link 5 Mbit/s.  Capture: dumpcap -s 128 on client eth0 (pcapng).
# Usage: doh_unbound_dnspython_v6_8443.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME] [--duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/carrierlib.sh"
web_scenario doh_unbound_dnspython_v6_8443 "$@"
DUR=${WEB_DUR:-100}; CLIENTS=8; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=3; }
PORT=8443

car_two_hosts_v6 231 http 5 pcapng
web_log "$NAME: DoH port $PORT, web 443; unbound $(car_deb unbound)"
web_certs $SRV6
web_site --seed "$SEED" --pages 6 --scale 0.1
web_nginx_start srv 20 100 "[$SRV6]:443 ssl http2" >/dev/null
car_unbound_doh_start srv $SRV6 $PORT $SRV6 >/dev/null
web_wait_listen srv $PORT; web_wait_listen srv 443
cap=$(lab_capture_start cli "$CAP" --dumpcap)
lab_exec cli "$WEB_PY" "$WEB_APPS/doh_users.py" --doh "https://[$SRV6]:$PORT/dns-query" --cacert "$WORK/certs/ca.crt" \
  --names "$WORK/names.txt" --web "https://lab.test" --clients $CLIENTS --duration $DUR \
  --tools dnspython,dnspython,kdig,kdig,kdig,curl --types A,A,AAAA,AAAA,AAAA,MX,TXT,SRV,CNAME,NS,SOA,CAA \
  --session-min 5 --session-max 50 --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -12 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"; chmod 644 "$CAP"
car_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes unbound \
  "http-server=unbound $(car_deb unbound); http-server=nginx $(car_deb nginx-light); http-client=dnspython $(car_deb python3-dnspython); http-client=kdig $(car_deb knot-dnsutils); http-client=curl $(car_deb curl)" \
  "tcp,$SRV6,$PORT,http" "tcp,$SRV6,443,http"

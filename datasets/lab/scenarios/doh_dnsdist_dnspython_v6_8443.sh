#!/usr/bin/env bash
# doh_dnsdist_dnspython_v6_8443.sh -- DNS over HTTPS over IPv6 on 8443 (dnsdist in front of dnsmasq): dnspython stub-resolver sessions and kdig +https.
# quick: yes
# software: dnsdist (DoH, h2o / OpenSSL) + dnsmasq backend; python3-dnspython (dns.query.https over httpx HTTP/2), kdig (knot-dnsutils, +https)
# Server fd78::209:1: dnsdist with a DoH listener on 8443 (/dns-query, lab self-signed cert)
# forwarding to dnsmasq on loopback (lab.test: 300 names).  Client host fd78::209:11: doh_users.py
# with 6 users, 2 of 3 sessions dnspython (one HTTP/2 connection, queries every 0.2..4 s for
# 5..30 s), 1 of 3 kdig +https processes (1..4 queries).  Link 5 Mbit/s.
# Capture: dumpcap -s 128 on client eth0 (pcapng).
# Usage: doh_dnsdist_dnspython_v6_8443.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME] [--duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/carrierlib.sh"
web_scenario doh_dnsdist_dnspython_v6_8443 "$@"
DUR=${WEB_DUR:-80}; CLIENTS=6; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=3; }
PORT=8443

car_two_hosts_v6 209 http 5 pcapng
web_log "$NAME: DoH port $PORT; dnsdist $(car_deb dnsdist)"
web_certs $SRV6
car_doh_start srv "[$SRV6]:$PORT" $SRV6
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP" --dumpcap)
lab_exec cli "$WEB_PY" "$WEB_APPS/doh_users.py" --doh "https://[$SRV6]:$PORT/dns-query" --cacert "$WORK/certs/ca.crt" \
  --names "$WORK/names.txt" --tools dnspython,dnspython,kdig --clients $CLIENTS --duration $DUR \
  --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -3 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"; chmod 644 "$CAP"
car_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes dnsdist \
  "http-server=dnsdist $(car_deb dnsdist); http-client=dnspython $(car_deb python3-dnspython); http-client=kdig $(car_deb knot-dnsutils)" \
  "tcp,$SRV6,$PORT,http"

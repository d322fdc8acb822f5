#!/usr/bin/env bash
# https_lighttpd_wget_aria2_51413.sh -- wget, aria2c and curl downloads over TLS from lighttpd on 51413 (port swap).
# quick: yes
# lab: quick
# software: lighttpd (TLS); wget (GnuTLS), aria2c (GnuTLS, segmented), curl (OpenSSL)
# Server 10.78.42.1: lighttpd (mod_openssl, lab self-signed cert, keep-alive idle 5 s) on 51413, the
# Transmission default port, serving the site (pages with requisites) and files of 40 kB .. 700 kB.
# Client host: http_client.py with 2 users picking wget (download, or -p page with requisites),
# aria2c (-x/-s 2..4 ranged connections), curl downloads (some rate-limited or ranged) and
# multi-URL keep-alive curl batches.  Link 50 Mbit/s.  Capture: tcpdump -s 128 on client eth0.
# Usage: https_lighttpd_wget_aria2_51413.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario https_lighttpd_wget_aria2_51413 "$@"
DUR=80; CLIENTS=2; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=1; }
SRV=10.78.42.1; CLI=10.78.42.11; PORT=51413
SIZES=40000,150000,350000,700000
mkdir -p "$OUT/http"
CAP="$OUT/http/$NAME.pcap"

lab_switch_create sw
lab_host_add sw srv $SRV/16 - 50
lab_host_add sw cli $CLI/16 - 50
web_log "$NAME: port $PORT; $(web_versions) aria2=$(dpkg-query -W -f='${Version}' aria2) wget=$(dpkg-query -W -f='${Version}' wget)"
web_certs $SRV
web_site --seed "$SEED" --pages 6 --scale 0.15
web_dl_files ${SIZES//,/ }
web_api_backend srv "$WORK/logs/api.log" >/dev/null
web_lighttpd_start srv $SRV $PORT enable 5 100 >/dev/null
web_wait_listen srv $PORT; web_wait_listen srv 9002
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_PY" "$WEB_APPS/http_client.py" --base "https://$SRV:$PORT" --mode wget,wget,aria2,download,batch \
  --cacert "$WORK/certs/ca.crt" --clients $CLIENTS --duration $DUR --pages 6 --dl-template '/dl/{size}.bin' \
  --dl-sizes $SIZES --think-min 1 --think-max 10 --tmp "$WORK/tmp" --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$PORT,http"

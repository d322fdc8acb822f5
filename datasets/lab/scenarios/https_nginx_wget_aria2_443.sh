#!/usr/bin/env bash
# https_nginx_wget_aria2_443.sh -- wget and aria2c (GnuTLS) downloads over HTTPS (HTTP/1.1) from nginx on 443.
# quick: yes
# lab: quick
# software: nginx (TLS, HTTP/1.1 only); wget (GnuTLS), aria2c (GnuTLS, segmented), curl (OpenSSL)
# Server 10.78.54.1: nginx (TLS 1.2/1.3, lab self-signed cert, no http2, keepalive_timeout 15 s)
# on 443 serving the site (pages with requisites) and files of 30 kB .. 900 kB.  Client host:
# http_client.py with 2 users picking wget (download, or -p page with requisites), aria2c (-x/-s
# 2..4 ranged connections, each its own TLS session) and multi-URL keep-alive curl batches; think
# times 1..15 s.  Link 100 Mbit/s.  Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: https_nginx_wget_aria2_443.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario https_nginx_wget_aria2_443 "$@"
DUR=${WEB_DUR:-60}; CLIENTS=2; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=1; }
SRV=10.78.54.1; CLI=10.78.54.11; PORT=443
SIZES=30000,120000,400000,900000

web_two_hosts http 100
web_log "$NAME: port $PORT; $(web_versions) aria2=$(dpkg-query -W -f='${Version}' aria2) wget=$(dpkg-query -W -f='${Version}' wget)"
web_certs $SRV
web_site --seed "$SEED" --pages 6 --scale 0.15
web_dl_files ${SIZES//,/ }
web_api_backend srv "$WORK/logs/api.log" >/dev/null
web_nginx_start srv 15 100 "$SRV:$PORT ssl" >/dev/null
web_wait_listen srv $PORT; web_wait_listen srv 9002
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_PY" "$WEB_APPS/http_client.py" --base "https://$SRV:$PORT" --mode wget,wget,aria2,aria2,batch \
  --cacert "$WORK/certs/ca.crt" --clients $CLIENTS --duration $DUR --pages 6 --dl-template '/dl/{size}.bin' \
  --dl-sizes $SIZES --think-min 1 --think-max 15 --tmp "$WORK/tmp" --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$PORT,http"

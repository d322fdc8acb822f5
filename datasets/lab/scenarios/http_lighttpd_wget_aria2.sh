#!/usr/bin/env bash
# http_lighttpd_wget_aria2.sh -- wget and aria2c downloads over plain HTTP from lighttpd on a random high port.
# quick: yes
# lab: quick
# software: lighttpd; wget, aria2c (segmented), curl
# Server 10.78.53.1: lighttpd (HTTP/1.1, keep-alive idle 3 s) on a random high port serving the
# site (pages with requisites) and files of 25 kB .. 900 kB.  Client host: http_client.py with
# 2 users picking wget (download, or -p page with requisites), aria2c (-x/-s 2..4 ranged
# connections) and now and then a curl download; think times 0.5..12 s.  Link 20 Mbit/s.
# Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: http_lighttpd_wget_aria2.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario http_lighttpd_wget_aria2 "$@"
DUR=${WEB_DUR:-80}; CLIENTS=2; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=1; }
SRV=10.78.53.1; CLI=10.78.53.11; PORT=$(web_port wget)
SIZES=25000,90000,260000,520000,900000

web_two_hosts http 20
web_log "$NAME: port $PORT; $(web_versions) aria2=$(dpkg-query -W -f='${Version}' aria2) wget=$(dpkg-query -W -f='${Version}' wget)"
web_site --seed "$SEED" --pages 6 --scale 0.15
web_dl_files ${SIZES//,/ }
web_lighttpd_start srv $SRV "$PORT" disable 3 100 >/dev/null
web_wait_listen srv "$PORT"
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_PY" "$WEB_APPS/http_client.py" --base "http://$SRV:$PORT" --mode wget,wget,aria2,aria2,download \
  --clients $CLIENTS --duration $DUR --pages 6 --dl-template '/dl/{size}.bin' \
  --dl-sizes $SIZES --think-min 0.5 --think-max 12 --tmp "$WORK/tmp" --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" no "tcp,$SRV,$PORT,http"

#!/usr/bin/env bash
# http_lighttpd_curl_download.sh -- file downloads from lighttpd over plain HTTP/1.1.
# quick: yes
# lab: quick
# software: lighttpd; curl
# Server: lighttpd on 10.78.8.1:<random high port> serving static files of 20 kB .. 3 MB (random
# bytes) and a small site (keep-alive idle 5 s).  Client host: http_client.py runs curl: 2 users
# downloading files (some with --limit-rate, some ranged resumes with -r) and 1 user fetching pages
# with their assets over parallel keep-alive connections (curl -Z).  Link 6 Mbit/s tbf.
# Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: http_lighttpd_curl_download.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario http_lighttpd_curl_download "$@"
DUR=75; [ "$QUICK" = 1 ] && DUR=20
SRV=10.78.8.1; CLI=10.78.8.11; PORT=$(web_port lighttpd)
SIZES=20000,40000,80000,150000,300000,600000,1200000,3000000
mkdir -p "$OUT/http"
CAP="$OUT/http/$NAME.pcap"

lab_switch_create sw
lab_host_add sw srv $SRV/16 - 6
lab_host_add sw cli $CLI/16 - 6
web_log "$NAME: port $PORT; $(web_versions)"
web_site --seed "$SEED" --pages 6 --scale 0.25
web_dl_files ${SIZES//,/ }
web_lighttpd_start srv $SRV "$PORT" disable 5 100 >/dev/null
web_wait_listen srv "$PORT"
cap=$(lab_capture_start cli "$CAP")
lab_bg cli "$WORK/logs/pages.log" "$WEB_PY" "$WEB_APPS/http_client.py" --base "http://$SRV:$PORT" --mode pages \
  --clients 1 --duration $DUR --pages 6 --think-min 1 --think-max 10 --seed "$((SEED + 50))" >/dev/null
lab_exec cli "$WEB_PY" "$WEB_APPS/http_client.py" --base "http://$SRV:$PORT" --mode download \
  --clients 2 --duration $DUR --dl-template '/dl/{size}.bin' --dl-sizes $SIZES \
  --think-min 3 --think-max 20 --seed "$SEED" 2> "$WORK/logs/client.log" || true
sleep 3
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" no "tcp,$SRV,$PORT,http"

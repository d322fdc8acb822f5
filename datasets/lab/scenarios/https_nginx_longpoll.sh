#!/usr/bin/env bash
# https_nginx_longpoll.sh -- HTTP long-polling over TLS (looks like server push) through nginx.
# quick: yes
# lab: quick
# software: nginx (TLS) + aiohttp API backend; Python http.client, curl, headless Chromium
# Server 10.78.11.1: nginx (HTTP/1.1 over TLS, lab self-signed cert, keepalive_timeout 60 s) on a
# random high port, proxying /api/ unbuffered to http_api.py (aiohttp) on loopback; /api/poll holds
# each request until an event (Poisson, mean gap 7 s) or 25 s.  Client host: http_client.py with 5
# long-poll users (keep-alive Python http.client loops, or one curl process per request) and
# 1 REST poller, plus headless Chromium running longpoll.html (fetch() long-poll loops, 2 in
# parallel) for part of the time.  Link 3 Mbit/s; the client sits behind the user-space WAN link (apps/wan_link.py, no jitter or loss; the committed capture was recorded with its constant-delay predecessor) adding 30 ms each way (RTT about 60 ms).  Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: https_nginx_longpoll.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario https_nginx_longpoll "$@"
DUR=200; CLIENTS=5; T=120; [ "$QUICK" = 1 ] && { DUR=30; CLIENTS=2; T=20; }
[ -n "$WEB_DUR" ] && { DUR=$WEB_DUR; T=$((WEB_DUR - 20)); }
SRV=10.78.11.1; CLI=10.78.11.11; PORT=$(web_port longpoll)
mkdir -p "$OUT/http"
CAP="$OUT/http/$NAME.pcap"

lab_switch_create sw
lab_host_add sw srv $SRV/16 - 3; web_csum_off srv
web_delay_host sw cli $CLI/16 - 3 30
web_log "$NAME: port $PORT; $(web_versions)"
web_certs $SRV
web_site --seed "$SEED" --pages 2 --scale 0.1
web_api_backend srv "$WORK/logs/api.log" --event-mean 7 >/dev/null
web_nginx_start srv 60 1000 "$SRV:$PORT ssl" >/dev/null
web_wait_listen srv "$PORT"; web_wait_listen srv 9002
cap=$(lab_capture_start cli "$CAP")
p1=$(lab_bg cli "$WORK/logs/poll.log" "$WEB_PY" "$WEB_APPS/http_client.py" --base "https://$SRV:$PORT" --mode poll \
  --cacert "$WORK/certs/ca.crt" --clients 1 --duration $DUR --session-min 20 --session-max 120 \
  --seed "$((SEED + 50))")
p2=$(lab_bg cli "$WORK/logs/client.log" "$WEB_PY" "$WEB_APPS/http_client.py" --base "https://$SRV:$PORT" --mode longpoll \
  --cacert "$WORK/certs/ca.crt" --clients $CLIENTS --duration $DUR --session-min 15 --session-max 150 \
  --hold 25 --think-min 1 --think-max 10 --seed "$SEED")
sleep 5
web_chromium cli "$WORK/logs/chromium.log" $((T + 5)) "https://$SRV:$PORT/longpoll.html?mode=longpoll&t=$T&n=2&hold=25"
# wait for the python clients (bounded by their --duration + long-poll hold)
web_wait_pids $((DUR + 60)) "$p1" "$p2"
lab_capture_stop "$cap"
web_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$PORT,http"

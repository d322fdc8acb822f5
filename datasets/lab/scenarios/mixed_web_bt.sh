#!/usr/bin/env bash
# mixed_web_bt.sh -- one host doing everything at once: a BitTorrent download, web browsing and
# API calls over HTTPS, and WebSocket apps over wss://, all encrypted (TLS / MSE), captured at the
# host's eth0.  This is the small capture the README's quick start classifies.
# quick: yes
# lab: quick
# software: transmission-daemon + aria2 + opentracker (lib_bt.sh); nginx (TLS) + python3-websockets + aiohttp backends; headless Chromium, curl, Python http.client, python3-websockets clients
# Hosts on one switch (10.78.20.0/16): web server 10.78.20.1 (nginx with the lab's self-signed
# cert: site + /api/ on 443 with HTTP/1.1, WebSocket endpoint /ws/ on a random high port, backends
# ws_server.py and http_api.py on loopback); BitTorrent swarm from lib_bt.sh (opentracker .250,
# transmission seeder .251, aria2 seeder .252, MSE/PE required, 3 MiB torrent); the client
# 10.78.20.11 runs a transmission-daemon leecher of that swarm, 3 python websockets users
# (chat, feed), 2 http_client.py users (curl pages, REST polling, long-polling) and one headless
# Chromium session of the chat/feed page.  Link 20 Mbit/s.  Capture: tcpdump -s 128 on the
# client's eth0 (pcap).
# Usage: mixed_web_bt.sh --out DIR --seed N [--quick]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$HERE/lib_bt.sh"
web_parse_args "$@"
NAME=mixed_web_bt
lab_init "$NAME"; web_workdir
trap 'bt_mixed_swarm_stop >/dev/null 2>&1 || true; lab_cleanup; web_cleanup' EXIT
DUR=90; T=50; MB=3; [ "$QUICK" = 1 ] && { DUR=30; T=15; MB=1; }
NET=10.78.20; SRV=$NET.1; CLI=$NET.11; HTTPS=443; WSS=$(web_port wss)
mkdir -p "$OUT/mixed"
CAP="$OUT/mixed/$NAME.pcap"
TRUTH="$OUT/mixed/$NAME.truth.csv"

lab_switch_create sw
lab_host_add sw srv $SRV/16 - 20
lab_host_add sw cli $CLI/16 - 20
web_log "$NAME: https $HTTPS, wss $WSS; $(web_versions)"
web_certs $SRV
web_site --seed "$SEED" --pages 4 --scale 0.1
web_ws_backend srv "$WORK/logs/ws.log" --ping-interval 20 >/dev/null
web_api_backend srv "$WORK/logs/api.log" --event-mean 8 >/dev/null
web_nginx_start srv 10 100 "$SRV:$HTTPS ssl" "$SRV:$WSS ssl" >/dev/null
web_wait_listen srv $HTTPS; web_wait_listen srv 9001; web_wait_listen srv 9002
web_truth "$TRUTH" "$NAME" yes "tcp,$SRV,$HTTPS,http" "tcp,$SRV,$WSS,websocket"
cap=$(lab_capture_start cli "$CAP")
bt_mixed_swarm_start sw $NET "$TRUTH" cli $CLI $MB yes
p1=$(lab_bg cli "$WORK/logs/wsc.log" "$WEB_PY" "$WEB_APPS/ws_client.py" --url "wss://$SRV:$WSS/ws" --mode chat,feed \
  --cafile "$WORK/certs/ca.crt" --clients 3 --duration $DUR --session-min 5 --session-max 60 --think-max 6 \
  --ping-interval 15 --seed "$SEED")
p2=$(lab_bg cli "$WORK/logs/httpc.log" "$WEB_PY" "$WEB_APPS/http_client.py" --base "https://$SRV:$HTTPS" \
  --mode pages,poll,longpoll --cacert "$WORK/certs/ca.crt" --clients 2 --duration $DUR --pages 4 \
  --session-min 8 --session-max 40 --hold 15 --think-max 8 --tmp "$WORK/tmp" --seed "$SEED")
sleep 5
web_chromium cli "$WORK/logs/chromium.log" $((T + 5)) \
  "https://$SRV:$HTTPS/ws.html?mode=chat,feed&t=$T&n=2&smin=4&smax=30&ws=wss://$SRV:$WSS/ws"
web_wait_pids $((DUR + 40)) "$p1" "$p2"
bt_mixed_swarm_stop
lab_capture_stop "$cap"

#!/usr/bin/env bash
# wss_node_api_mix_443.sh -- one Node.js process serving an HTTPS API on 443 and WSS apps on 51413; Node.js fetch/https clients and ws clients side by side (HTTP and WebSocket from the same stack in one capture).
# quick: yes
# lab: quick
# software: Node.js 20 web_server.js (https module + ws 8.23, one process, Node TLS); Node.js web_client.js (fetch, https.request, ws 8.23)
# Server 10.78.97.1: apps/node/web_server.js with the lab self-signed cert: HTTPS API + pages on
# 443 (keep-alive 20 s, events Poisson mean gap 5 s) and wss on 51413 (compression off, pings
# every 10 s).  Client host: two web_client.js processes at once: 4 HTTP users (API bursts,
# pages, polling / long-polls, uploads 1 .. 30 kB; fetch, keep-alive Agent or agent:false) and
# 5 WebSocket users (chat, feed, rpc, telemetry, dash, bulk 10 .. 100 kB); sessions 2..30 s.
# Link 6 Mbit/s.  Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: wss_node_api_mix_443.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME --duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"
web_scenario wss_node_api_mix_443 "$@"
DUR=${WEB_DUR:-85}; HC=4; WC=5; [ "$QUICK" = 1 ] && { DUR=20; HC=2; WC=2; }
SRV=10.78.97.1; CLI=10.78.97.11; HPORT=443; WPORT=51413

web_two_hosts websocket 6
web_log "$NAME: https $HPORT, wss $WPORT; $(web_versions)"
web_certs $SRV
web_node_server srv "$WORK/logs/server.log" --host $SRV --http-port $HPORT --ws-port $WPORT \
  --cert "$WORK/certs/server.crt" --key "$WORK/certs/server.key" --keepalive 20 --event-mean 5 \
  --ping-interval 10 --bulk-chunk 16384 >/dev/null
web_wait_listen srv $HPORT; web_wait_listen srv $WPORT
cap=$(lab_capture_start cli "$CAP")
hpid=$(lab_bg cli "$WORK/logs/http-client.log" "$WEB_NODE" "$WEB_APPS/node/web_client.js" --seed "$SEED" \
  --url "https://$SRV:$HPORT" --cafile "$WORK/certs/ca.crt" --mode api,page,poll,upload \
  --http-clients fetch,agent,close --clients $HC --duration $DUR --session-min 3 --session-max 30 \
  --think-min 0.5 --think-max 6 --up-min 1000 --up-max 30000)
web_node_client cli "$WORK/logs/client.log" --url "wss://$SRV:$WPORT/ws" --cafile "$WORK/certs/ca.crt" \
  --mode chat,feed,rpc,telemetry,dash,bulk --clients $WC --duration $DUR --session-min 2 --session-max 30 \
  --think-min 0.2 --think-max 4 --bulk-chunk 16384 --bulk-min 10000 --bulk-max 100000
web_wait_pids 20 "$hpid"
tail -1 "$WORK/logs/http-client.log" >&2
lab_capture_stop "$cap"
web_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" yes "tcp,$SRV,$WPORT,websocket" "tcp,$SRV,$HPORT,http"

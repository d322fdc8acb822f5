#!/usr/bin/env bash
# socketio_node_tls_split_8443.sh -- Socket.IO over TLS (npm socket.io on Node https): WebSocket-only clients on 8443 (websocket), long-polling-only clients on 8444 (http).
# quick: yes
# software: apps/socketio/sio_server.js (Node.js https, npm socket.io); apps/socketio/sio_client.js (npm socket.io-client)
# Server 10.78.216.1: two sio_server.js instances with the lab self-signed cert, on 8443 and 8444.
# TLS hides the upgrade, so the truth goes by port: the clients of 8443 use the WebSocket transport
# alone (transports: ['websocket'], as many deployments configure it), those of 8444 HTTP
# long-polling alone.  Client host: sio_client.js, 6 WebSocket users and 2 polling users, sessions
# (5..40 s) of chat, feed or acknowledged RPC/upload (Node's polling transport opens a connection per
# request).  Link 10 Mbit/s.
# Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: socketio_node_tls_split_8443.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME] [--duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/carrierlib.sh"
web_scenario socketio_node_tls_split_8443 "$@"
DUR=${WEB_DUR:-75}; WS=6; POLL=2; [ "$QUICK" = 1 ] && { DUR=20; WS=2; POLL=2; }
SRV=10.78.216.1; CLI=10.78.216.11; WSPORT=8443; POLLPORT=8444
SIO="$WEB_APPS/socketio"

web_two_hosts websocket 10
web_log "$NAME: ports $WSPORT (websocket) $POLLPORT (polling); socket.io $(web_npm_version "$SIO" socket.io) node $(node --version)"
web_certs $SRV
for p in $WSPORT $POLLPORT; do
  lab_bg srv "$WORK/logs/sio-$p.log" node "$SIO/sio_server.js" --host $SRV --port $p \
    --cert "$WORK/certs/server.crt" --key "$WORK/certs/server.key" --seed "$SEED" >/dev/null
  web_wait_listen srv $p
done
cap=$(lab_capture_start cli "$CAP")
p1=$(lab_bg cli "$WORK/logs/poll.log" node "$SIO/sio_client.js" --url "https://$SRV:$POLLPORT" --transports polling \
  --cafile "$WORK/certs/ca.crt" --clients $POLL --duration $DUR --seed "$((SEED + 3))")
lab_exec cli node "$SIO/sio_client.js" --url "https://$SRV:$WSPORT" --transports websocket \
  --cafile "$WORK/certs/ca.crt" --clients $WS --duration $DUR --seed "$SEED" 2> "$WORK/logs/client.log" || true
web_wait_pids 60 "$p1"
tail -1 "$WORK/logs/client.log" >&2; tail -1 "$WORK/logs/poll.log" >&2
lab_capture_stop "$cap"
car_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" yes socket.io \
  "ws-server=socket.io $(web_npm_version "$SIO" socket.io); ws-client=socket.io-client $(web_npm_version "$SIO" socket.io-client)" \
  "tcp,$SRV,$WSPORT,websocket" "tcp,$SRV,$POLLPORT,http"

#!/usr/bin/env bash
# mqttws_mosquitto_paho_tls_v6_443.sh -- MQTT over secure WebSocket (wss on 443, IPv6): paho-mqtt users against mosquitto, sensor-heavy.
# quick: yes
# software: mosquitto (listener 443, protocol websockets, TLS by libwebsockets / OpenSSL); python3-paho-mqtt clients (transport="websockets", TLS)
# Server fd78::211:1: mosquitto with a TLS WebSocket listener on 443 (lab self-signed cert).
# Client host fd78::211:11: mqttws_users.py with 12 users, sessions one wss connection each
# (10..80 s, keep-alive 30 s), mostly sensors (telemetry every 0.5..5 s), some dashboards and chat.
# Link 8 Mbit/s.  Capture: tcpdump -s 128 -i any on the client (Linux cooked v2, pcap); paho's own
# loopback socket pairs (its wake-up signal) are in it too: ignore.
# Usage: mqttws_mosquitto_paho_tls_v6_443.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME] [--duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/carrierlib.sh"
web_scenario mqttws_mosquitto_paho_tls_v6_443 "$@"
DUR=${WEB_DUR:-90}; CLIENTS=12; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=4; }
PORT=443

car_two_hosts_v6 211 websocket 8 pcap
web_log "$NAME: port $PORT; mosquitto $(car_deb mosquitto) paho $(car_deb python3-paho-mqtt)"
web_certs $SRV6
car_mosquitto_start srv "$SRV6" $PORT tls >/dev/null
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP" -i any)
lab_exec cli "$WEB_PY" "$WEB_APPS/mqttws_users.py" --host $SRV6 --port $PORT --cafile "$WORK/certs/ca.crt" \
  --clients $CLIENTS --duration $DUR --mode sensor,sensor,sensor,dashboard,chat --keepalive 30 \
  --session-min 10 --session-max 80 --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
car_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" yes mosquitto \
  "ws-server=mosquitto $(car_deb mosquitto); ws-client=paho-mqtt $(car_deb python3-paho-mqtt)" \
  "tcp,127.0.0.0/8,*,ignore" "tcp,$SRV6,$PORT,websocket"

#!/usr/bin/env bash
# mqttws_mosquitto_paho_9001.sh -- MQTT over WebSocket (plain ws on 9001): paho-mqtt sensors, dashboards and chat against mosquitto.
# quick: yes
# software: mosquitto (listener 9001, protocol websockets, libwebsockets); python3-paho-mqtt clients (transport="websockets")
# Server 10.78.210.1: mosquitto with a WebSocket listener on 9001 (anonymous).  Client host:
# mqttws_users.py with 10 users, each session one WebSocket connection (5..45 s, keep-alive 20 s):
# sensors publishing telemetry every 0.5..5 s (QoS 0/1, retained status), dashboards subscribed to
# lab/sensors/# and lab/chat/#, chat rooms.  Link 10 Mbit/s.  Capture: tcpdump -s 128 on client
# eth0 (pcap).
# Usage: mqttws_mosquitto_paho_9001.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME] [--duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/carrierlib.sh"
web_scenario mqttws_mosquitto_paho_9001 "$@"
DUR=${WEB_DUR:-90}; CLIENTS=10; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=4; }
SRV=10.78.210.1; CLI=10.78.210.11; PORT=9001

web_two_hosts websocket 10
web_log "$NAME: port $PORT; mosquitto $(car_deb mosquitto) paho $(car_deb python3-paho-mqtt)"
car_mosquitto_start srv "$SRV" $PORT plain >/dev/null
web_wait_listen srv $PORT
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_PY" "$WEB_APPS/mqttws_users.py" --host $SRV --port $PORT --clients $CLIENTS --duration $DUR \
  --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -1 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
car_truth "$OUT/websocket/$NAME.truth.csv" "$NAME" no mosquitto \
  "ws-server=mosquitto $(car_deb mosquitto); ws-client=paho-mqtt $(car_deb python3-paho-mqtt)" "tcp,$SRV,$PORT,websocket"

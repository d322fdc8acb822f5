#!/usr/bin/env bash
# other_mqtt_amqtt.sh -- MQTT telemetry through the amqtt broker (asyncio, Python; not mosquitto), labelled other/mqtt.
# quick: yes
# software: amqtt (broker, amqtt_pub, amqtt_sub; PyPI, own venv); mosquitto-clients (mosquitto_pub, mosquitto_sub), python3-paho-mqtt
# Server srv 10.80.81.1: the amqtt broker (MQTT 3.1.1, anonymous, its $SYS plugin every 20 s;
# --tls: an MQTT-over-TLS listener with the lab's throw-away certificates, IPv4 only).  Client cli:
# apps/other_mqtt_client.py (paho-mqtt: sensors with reconnecting telemetry sessions, QoS 0/1,
# keep-alives of 15-60 s, 2 dashboards subscribed to sensors/#, retained firmware blobs) and, started
# every few seconds, mosquitto_sub watchers (-C N), mosquitto_pub bursts (-l lines, files, QoS 0-2,
# retained status messages), amqtt_sub watchers (-n N, QoS 0-2) and amqtt_pub messages (-m, -l,
# QoS 0-2, -r retained), for DURATION s.  Link 20 Mbit/s (or the WAN link).  Capture on srv.
# Usage: other_mqtt_amqtt.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"; source "$HERE/lib_mqtt_users.sh"
other_scenario other_mqtt_amqtt 81 "$@"
AV=${LAB_AMQTT_VENV:-/opt/flowclass-lab/amqtt-venv}
DUR=${DUR_ARG:-75}; SENSORS=5
[ "$QUICK" = 1 ] && { DUR=20; SENSORS=3; }
[ "$V6" = 1 ] && { echo "this scenario binds the amqtt broker to IPv4" >&2; exit 2; }
other_hosts 20
if [ "$TLS" = 1 ]; then
  PORT=${PORT_ARG:-8883}; other_certs; ENC=yes; SCHEME=mqtts
  TLSA=(--cafile "$WORK/certs/ca.crt" --insecure); PYTLS=(--tls "$WORK/certs/ca.crt"); ATLS=(--ca-file "$WORK/certs/ca.crt")
  LTLS="    ssl: true
    certfile: $WORK/certs/server.crt
    keyfile: $WORK/certs/server.key"
else
  PORT=${PORT_ARG:-1883}; ENC=no; SCHEME=mqtt; TLSA=(); PYTLS=(); ATLS=(); LTLS=""
fi
cat > "$WORK/amqtt.yaml" <<CONF
---
listeners:
  default:
    type: tcp
    bind: 0.0.0.0:$PORT
$LTLS
plugins:
  amqtt.plugins.logging_amqtt.EventLoggerPlugin:
  amqtt.plugins.authentication.AnonymousAuthPlugin:
    allow_anonymous: true
  amqtt.plugins.sys.broker.BrokerSysPlugin:
    sys_interval: 20
CONF
lab_bg srv "$LOGS/server.log" "$AV/bin/amqtt" -c "$WORK/amqtt.yaml" >/dev/null
other_wait_listen srv "$PORT"
URL="$SCHEME://$SRV_ADDR:$PORT"
AMV=$("$AV/bin/python" -c 'from importlib.metadata import version; print(version("amqtt"))')
cap=$(other_capture_start)
mqtt_users 2
sleep 2
lab_capture_stop "$cap"
other_truth "$ENC" amqtt "$(other_roles server=amqtt@"$AMV" client=mosquitto-clients client=python3-paho-mqtt client=amqtt@"$AMV")" \
  "tcp,$SRV_ADDR,$PORT,other,mqtt"

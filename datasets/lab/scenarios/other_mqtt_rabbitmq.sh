#!/usr/bin/env bash
# other_mqtt_rabbitmq.sh -- MQTT telemetry through RabbitMQ's MQTT plugin (Erlang; not mosquitto), labelled other/mqtt.
# quick: yes
# software: rabbitmq-server (with rabbitmq_mqtt); mosquitto-clients (mosquitto_pub, mosquitto_sub), python3-paho-mqtt, amqtt (amqtt_pub, amqtt_sub; PyPI, own venv)
# Server srv 10.80.82.1 (fd80::82:1): rabbitmq-server as its own Erlang node (config, Mnesia dir and
# cookie in the work dir, as other_amqp_rabbitmq.sh) with the rabbitmq_mqtt plugin only (no AMQP
# listener): MQTT 3.1.1 on PORT (1883; --tls: MQTT over TLS on 8883 with the lab's throw-away
# certificates), anonymous clients mapped to the guest user; RabbitMQ 3.10 has no QoS 2 (the
# clients use QoS 0 and 1).  Client cli: apps/other_mqtt_client.py (paho-mqtt: sensors with
# reconnecting telemetry sessions, keep-alives of 15-60 s, 2 dashboards subscribed to sensors/#,
# retained firmware blobs) and, started every few seconds, mosquitto_sub watchers (-C N),
# mosquitto_pub bursts (-l lines, files, retained status messages), amqtt_sub watchers (-n N) and
# amqtt_pub messages (-m, -l, -r retained), for DURATION s.  Link 20 Mbit/s (or the WAN link).
# Capture on srv (from the moment the MQTT listener is up).
# Usage: other_mqtt_rabbitmq.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"; source "$HERE/lib_mqtt_users.sh"
other_scenario other_mqtt_rabbitmq 82 "$@"
AV=${LAB_AMQTT_VENV:-/opt/flowclass-lab/amqtt-venv}
DUR=${DUR_ARG:-75}; SENSORS=5
[ "$QUICK" = 1 ] && { DUR=20; SENSORS=3; }
other_hosts 20
R=$WORK/rabbit; mkdir -p "$R/mnesia" "$R/log"
if [ "$TLS" = 1 ]; then
  PORT=${PORT_ARG:-8883}; other_certs; ENC=yes; SCHEME=mqtts
  TLSA=(--cafile "$WORK/certs/ca.crt" --insecure); PYTLS=(--tls "$WORK/certs/ca.crt"); ATLS=(--ca-file "$WORK/certs/ca.crt")
  cat > "$R/rabbitmq.conf" <<CONF
mqtt.listeners.tcp = none
mqtt.listeners.ssl.default = $PORT
ssl_options.cacertfile = $WORK/certs/ca.crt
ssl_options.certfile = $WORK/certs/server.crt
ssl_options.keyfile = $WORK/certs/server.key
ssl_options.verify = verify_none
ssl_options.fail_if_no_peer_cert = false
CONF
else
  PORT=${PORT_ARG:-1883}; ENC=no; SCHEME=mqtt; TLSA=(); PYTLS=(); ATLS=()
  printf 'mqtt.listeners.tcp.default = %s\n' "$PORT" > "$R/rabbitmq.conf"
fi
printf 'listeners.tcp = none\nloopback_users = none\nmqtt.allow_anonymous = true\nmqtt.default_user = guest\nmqtt.default_pass = guest\nmanagement_agent.disable_metrics_collector = true\n' >> "$R/rabbitmq.conf"
other_rabbitmq_start "$R" labmqtt rabbitmq_mqtt
other_wait_listen srv "$PORT"
if [ "$V6" = 1 ]; then URL="$SCHEME://[$SRV_ADDR]:$PORT"; else URL="$SCHEME://$SRV_ADDR:$PORT"; fi
AMV=$("$AV/bin/python" -c 'from importlib.metadata import version; print(version("amqtt"))')
cap=$(other_capture_start)
mqtt_users 1
sleep 2
lab_capture_stop "$cap"
other_truth "$ENC" rabbitmq "$(other_roles server=rabbitmq-server client=mosquitto-clients client=python3-paho-mqtt client=amqtt@"$AMV")" \
  "tcp,$SRV_ADDR,$PORT,other,mqtt"

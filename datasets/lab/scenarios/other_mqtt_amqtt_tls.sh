#!/usr/bin/env bash
# other_mqtt_amqtt_tls.sh -- other_mqtt_amqtt.sh with MQTT over TLS on 8883 (pcapng).
# base: other_mqtt_amqtt
# software: amqtt (broker, amqtt_pub, amqtt_sub; PyPI, own venv); mosquitto-clients (mosquitto_pub, mosquitto_sub), python3-paho-mqtt
# Same workload as the base scenario (see other_mqtt_amqtt.sh); its own scenario name.
# Usage: other_mqtt_amqtt_tls.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_mqtt_amqtt.sh" --name other_mqtt_amqtt_tls --tls --format pcapng "$@"

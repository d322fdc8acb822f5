#!/usr/bin/env bash
# wan100_other_mqtt_rabbitmq.sh -- other_mqtt_rabbitmq.sh with the client behind the WAN link (rtt=100,jitter=8,loss=0.005,rate=6), over IPv6, captured with -i any (Linux cooked v2).
# base: other_mqtt_rabbitmq
# software: rabbitmq-server (with rabbitmq_mqtt); mosquitto-clients (mosquitto_pub, mosquitto_sub), python3-paho-mqtt, amqtt (amqtt_pub, amqtt_sub; PyPI, own venv)
# Same workload as the base scenario (see other_mqtt_rabbitmq.sh); its own scenario name.
# Usage: wan100_other_mqtt_rabbitmq.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_mqtt_rabbitmq.sh" --name wan100_other_mqtt_rabbitmq --wan rtt=100,jitter=8,loss=0.005,rate=6 --v6 --format sll2 "$@"

#!/usr/bin/env bash
# other_mqtt_mosquitto_80.sh -- other_mqtt_mosquitto.sh with the broker on port 80, over IPv6.
# base: other_mqtt_mosquitto
# software: mosquitto; mosquitto-clients (mosquitto_pub, mosquitto_sub), python3-paho-mqtt
# Same workload as the base scenario (see other_mqtt_mosquitto.sh); its own scenario name.
# Usage: other_mqtt_mosquitto_80.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_mqtt_mosquitto.sh" --name other_mqtt_mosquitto_80 --port 80 --v6 "$@"

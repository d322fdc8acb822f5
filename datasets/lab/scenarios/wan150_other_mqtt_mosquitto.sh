#!/usr/bin/env bash
# wan150_other_mqtt_mosquitto.sh -- other_mqtt_mosquitto.sh with the client behind the WAN link (rtt=150,jitter=10,loss=0.01,rate=5).
# base: other_mqtt_mosquitto
# software: mosquitto; mosquitto-clients (mosquitto_pub, mosquitto_sub), python3-paho-mqtt
# Same workload as the base scenario (see other_mqtt_mosquitto.sh); its own scenario name.
# Usage: wan150_other_mqtt_mosquitto.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_mqtt_mosquitto.sh" --name wan150_other_mqtt_mosquitto --wan rtt=150,jitter=10,loss=0.01,rate=5 "$@"

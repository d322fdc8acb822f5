#!/usr/bin/env bash
# wan120_mqttws_mosquitto_paho_tls_v6_443.sh -- mqttws_mosquitto_paho_tls_v6_443.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: mqttws_mosquitto_paho_tls_v6_443
# wan: rtt=120,jitter=8,loss=0.01,rate=5
# software: mosquitto (wss, libwebsockets); python3-paho-mqtt
# The captured client sits behind a router namespace imposing rtt=120,jitter=8,loss=0.01,rate=5 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (70 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan120_mqttws_mosquitto_paho_tls_v6_443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/mqttws_mosquitto_paho_tls_v6_443.sh" --wan "rtt=120,jitter=8,loss=0.01,rate=5" --name wan120_mqttws_mosquitto_paho_tls_v6_443 --duration 70 "$@"

#!/usr/bin/env bash
# wan30_restdb_influxdb_http_8086.sh -- restdb_influxdb_http_8086.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: restdb_influxdb_http_8086
# wan: rtt=30,jitter=2,loss=0.002,rate=10
# software: influxdb HTTP API; Python http.client, curl
# The captured client sits behind a router namespace imposing rtt=30,jitter=2,loss=0.002,rate=10 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (60 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan30_restdb_influxdb_http_8086.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/restdb_influxdb_http_8086.sh" --wan "rtt=30,jitter=2,loss=0.002,rate=10" --name wan30_restdb_influxdb_http_8086 --duration 60 "$@"

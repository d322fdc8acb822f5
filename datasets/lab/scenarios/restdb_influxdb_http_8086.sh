#!/usr/bin/env bash
# restdb_influxdb_http_8086.sh -- a database's REST API over plain HTTP: InfluxDB 1.x /write, /query and /ping on 8086 from telemetry agents, dashboards and curl.
# quick: yes
# software: influxdb (influxd, HTTP API); apps/restdb_users.py (Python http.client keep-alive), curl
# Server 10.78.214.1: influxd with its HTTP API on 8086 (no auth, database "lab" created before the
# capture).  Client host: restdb_users.py with 7 users: writer sessions (keep-alive POST /write of
# 5..200 points every 0.5..5 s), dashboard sessions (keep-alive GET /query of GROUP BY time
# aggregates, SHOW queries), one-shot curl calls (ping, query, small write).  Link 10 Mbit/s.
# Capture: tcpdump -s 128 on client eth0 (pcap).
# Usage: restdb_influxdb_http_8086.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME] [--duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/carrierlib.sh"
web_scenario restdb_influxdb_http_8086 "$@"
DUR=${WEB_DUR:-80}; CLIENTS=7; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=3; }
SRV=10.78.214.1; CLI=10.78.214.11; PORT=8086

web_two_hosts http 10
web_log "$NAME: port $PORT; influxdb $(car_deb influxdb)"
car_influx_start srv "$SRV:$PORT" plain >/dev/null
web_wait_listen srv $PORT
lab_exec srv curl -s -o /dev/null -X POST "http://$SRV:$PORT/query" --data-urlencode "q=CREATE DATABASE lab"
cap=$(lab_capture_start cli "$CAP")
lab_exec cli "$WEB_PY" "$WEB_APPS/restdb_users.py" --base "http://$SRV:$PORT" --clients $CLIENTS --duration $DUR \
  --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -3 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
car_truth "$OUT/http/$NAME.truth.csv" "$NAME" no influxdb \
  "http-server=influxdb $(car_deb influxdb); http-client=python3 $(/usr/bin/python3 -c 'import platform; print(platform.python_version())'); http-client=curl $(car_deb curl)" \
  "tcp,$SRV,$PORT,http"

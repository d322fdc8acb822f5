#!/usr/bin/env bash
# restdb_influxdb_https_v6_443.sh -- a database's REST API over HTTPS on 443, IPv6: InfluxDB 1.x /write and /query from telemetry agents and dashboards.
# quick: yes
# software: influxdb (influxd, HTTP API with its own TLS, Go crypto/tls); apps/restdb_users.py (Python http.client keep-alive), curl
# Server fd78::215:1: influxd with its HTTPS API on 443 (lab self-signed cert, database "lab").
# Client host fd78::215:11: restdb_users.py with 8 users, writer-heavy (writers 1/2, dashboards
# 1/3, curl 1/6), sessions 10..60 s.  Link 6 Mbit/s.
# Capture: tcpdump -s 128 -i any on the client (Linux cooked v2, pcap).
# Usage: restdb_influxdb_https_v6_443.sh --out DIR --seed N [--quick] [--wan SPEC --name NAME] [--duration S]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$LAB_DIR/apps/weblib.sh"; source "$LAB_DIR/apps/carrierlib.sh"
web_scenario restdb_influxdb_https_v6_443 "$@"
DUR=${WEB_DUR:-80}; CLIENTS=8; [ "$QUICK" = 1 ] && { DUR=20; CLIENTS=3; }
PORT=443

car_two_hosts_v6 215 http 6 pcap
web_log "$NAME: port $PORT; influxdb $(car_deb influxdb)"
web_certs $SRV6
car_influx_start srv "[$SRV6]:$PORT" tls >/dev/null
web_wait_listen srv $PORT
lab_exec srv curl -s -o /dev/null --cacert "$WORK/certs/ca.crt" -X POST "https://[$SRV6]:$PORT/query" --data-urlencode "q=CREATE DATABASE lab"
cap=$(lab_capture_start cli "$CAP" -i any)
lab_exec cli "$WEB_PY" "$WEB_APPS/restdb_users.py" --base "https://[$SRV6]:$PORT" --cacert "$WORK/certs/ca.crt" \
  --clients $CLIENTS --duration $DUR --mode writer,writer,writer,dashboard,dashboard,curl --session-min 10 --session-max 60 \
  --seed "$SEED" 2> "$WORK/logs/client.log" || true
tail -3 "$WORK/logs/client.log" >&2
lab_capture_stop "$cap"
car_truth "$OUT/http/$NAME.truth.csv" "$NAME" yes influxdb \
  "http-server=influxdb $(car_deb influxdb); http-client=python3 $(/usr/bin/python3 -c 'import platform; print(platform.python_version())'); http-client=curl $(car_deb curl)" \
  "tcp,$SRV6,$PORT,http"

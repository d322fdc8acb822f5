#!/usr/bin/env bash
# other_mqtt_mosquitto.sh -- MQTT telemetry through the mosquitto broker, labelled other/mqtt.
# quick: yes
# software: mosquitto; mosquitto-clients (mosquitto_pub, mosquitto_sub), python3-paho-mqtt
# Server srv 10.80.4.1 (fd80::4:1): mosquitto (anonymous; --tls: a TLS listener with the lab's
# throw-away certificates).  Client cli: apps/other_mqtt_client.py (paho-mqtt: 6 sensors with
# reconnecting telemetry sessions, 2 dashboards subscribed to sensors/#, retained firmware blobs)
# and mosquitto_sub watchers (-C N messages) and mosquitto_pub bursts (-l lines, files) started
# every few seconds, for DURATION s.  Link 20 Mbit/s (or the WAN link).  Capture on srv.
# Usage: other_mqtt_mosquitto.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
other_scenario other_mqtt_mosquitto 4 "$@"
DUR=${DUR_ARG:-90}; SENSORS=6
[ "$QUICK" = 1 ] && { DUR=20; SENSORS=3; }
other_hosts 20
if [ "$TLS" = 1 ]; then
  PORT=${PORT_ARG:-8883}; other_certs; ENC=yes
  TLSA=(--cafile "$WORK/certs/ca.crt"); PYTLS=(--tls "$WORK/certs/ca.crt")
  printf 'listener %s\nallow_anonymous true\ncertfile %s\nkeyfile %s\n' "$PORT" "$WORK/certs/server.crt" "$WORK/certs/server.key" > "$WORK/mosq.conf"
else
  PORT=${PORT_ARG:-1883}; ENC=no; TLSA=(); PYTLS=()
  printf 'listener %s\nallow_anonymous true\n' "$PORT" > "$WORK/mosq.conf"
fi
# mosquitto started as root switches to its own user unless told not to (port 80 needs root)
printf 'user root\npersistence false\nlog_dest stdout\nmax_queued_messages 5000\n' >> "$WORK/mosq.conf"
lab_bg srv "$LOGS/server.log" mosquitto -c "$WORK/mosq.conf" >/dev/null
other_wait_listen srv "$PORT"
# the certificate names lab.test; clients reach it by address, so no hostname check for the CLI tools
[ "$TLS" = 1 ] && TLSA+=(--insecure)
cap=$(other_capture_start)
lab_exec cli "$OTHER_PY" "$LAB_DIR/apps/other_mqtt_client.py" --host "$SRV_ADDR" --port "$PORT" --seed "$SEED" \
  --sensors "$SENSORS" --dashboards 2 --duration "$DUR" "${PYTLS[@]}" 2>"$LOGS/client.log" &
cpid=$!
end=$((SECONDS + DUR)); n=0
while [ $SECONDS -lt $end ]; do
  n=$((n + 1))
  case $(other_rand "kind$n" 1 3) in
    1) lab_exec cli timeout 40 mosquitto_sub -h "$SRV_ADDR" -p "$PORT" "${TLSA[@]}" -t 'sensors/+/telemetry' \
         -C "$(other_rand "c$n" 5 60)" -q "$(other_rand "q$n" 0 1)" >/dev/null 2>&1 & ;;
    2) seq 1 "$(other_rand "l$n" 5 80)" | sed 's/^/log line /' |
         lab_exec cli mosquitto_pub -h "$SRV_ADDR" -p "$PORT" "${TLSA[@]}" -t "logs/$n" -l -q 1 >/dev/null 2>&1 || true ;;
    3) head -c "$(other_rand "s$n" 2000 60000)" /dev/urandom > "$WORK/msg"
       lab_exec cli mosquitto_pub -h "$SRV_ADDR" -p "$PORT" "${TLSA[@]}" -t "files/$n" -f "$WORK/msg" -q 1 >/dev/null 2>&1 || true ;;
  esac
  sleep "$(other_rand "gap$n" 1 6)"
done
wait "$cpid" || true
sleep 2
lab_capture_stop "$cap"
other_truth "$ENC" mosquitto "$(other_roles server=mosquitto client=mosquitto-clients client=python3-paho-mqtt)" \
  "tcp,$SRV_ADDR,$PORT,other,mqtt"

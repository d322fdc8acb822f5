#!/usr/bin/env bash
# other_mqtt_amqtt.sh -- MQTT telemetry through the amqtt broker (asyncio, Python; not mosquitto), labelled other/mqtt.
# quick: yes
# software: amqtt (broker, amqtt_pub, amqtt_sub; PyPI, own venv); mosquitto-clients (mosquitto_pub, mosquitto_sub), python3-paho-mqtt
# Server srv 10.80.81.1: the amqtt broker (MQTT 3.1.1, anonymous, its $SYS plugin every 20 s;
# --tls: an MQTT-over-TLS listener with the lab's throw-away certificates, IPv4 only).  Client cli:
# apps/other_mqtt_client.py (paho-mqtt: sensors with reconnecting telemetry sessions, QoS 0/1,
# keep-alives of 15-60 s, 2 dashboards subscribed to sensors/#, retained firmware blobs) and, started
# every few seconds, mosquitto_sub watchers (-C N), mosquitto_pub bursts (-l lines, files, QoS 0-2,
# retained status messages), amqtt_sub watchers (-n N, QoS 0-2) and amqtt_pub messages (-m, -l,
# QoS 0-2, -r retained), for DURATION s.  Link 20 Mbit/s (or the WAN link).  Capture on srv.
# Usage: other_mqtt_amqtt.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
other_scenario other_mqtt_amqtt 81 "$@"
AV=${LAB_AMQTT_VENV:-/opt/flowclass-lab/amqtt-venv}
DUR=${DUR_ARG:-75}; SENSORS=5
[ "$QUICK" = 1 ] && { DUR=20; SENSORS=3; }
[ "$V6" = 1 ] && { echo "this scenario binds the amqtt broker to IPv4" >&2; exit 2; }
other_hosts 20
if [ "$TLS" = 1 ]; then
  PORT=${PORT_ARG:-8883}; other_certs; ENC=yes; SCHEME=mqtts
  TLSA=(--cafile "$WORK/certs/ca.crt" --insecure); PYTLS=(--tls "$WORK/certs/ca.crt"); ATLS=(--ca-file "$WORK/certs/ca.crt")
  LTLS="    ssl: true
    certfile: $WORK/certs/server.crt
    keyfile: $WORK/certs/server.key"
else
  PORT=${PORT_ARG:-1883}; ENC=no; SCHEME=mqtt; TLSA=(); PYTLS=(); ATLS=(); LTLS=""
fi
cat > "$WORK/amqtt.yaml" <<CONF
---
listeners:
  default:
    type: tcp
    bind: 0.0.0.0:$PORT
$LTLS
plugins:
  amqtt.plugins.logging_amqtt.EventLoggerPlugin:
  amqtt.plugins.authentication.AnonymousAuthPlugin:
    allow_anonymous: true
  amqtt.plugins.sys.broker.BrokerSysPlugin:
    sys_interval: 20
CONF
lab_bg srv "$LOGS/server.log" "$AV/bin/amqtt" -c "$WORK/amqtt.yaml" >/dev/null
other_wait_listen srv "$PORT"
URL="$SCHEME://$SRV_ADDR:$PORT"
AMV=$("$AV/bin/python" -c 'from importlib.metadata import version; print(version("amqtt"))')
cap=$(other_capture_start)
lab_exec cli "$OTHER_PY" "$LAB_DIR/apps/other_mqtt_client.py" --host "$SRV_ADDR" --port "$PORT" --seed "$SEED" \
  --sensors "$SENSORS" --dashboards 2 --duration "$DUR" "${PYTLS[@]}" 2>"$LOGS/client.log" &
cpid=$!
end=$((SECONDS + DUR)); n=0
while [ $SECONDS -lt $end ]; do
  n=$((n + 1)); q=$(other_rand "q$n" 0 2)
  case $(other_rand "kind$n" 1 6) in
    1) lab_exec cli timeout 40 mosquitto_sub -h "$SRV_ADDR" -p "$PORT" "${TLSA[@]}" -t 'sensors/+/telemetry' \
         -C "$(other_rand "c$n" 5 60)" -q "$q" -k "$(other_rand "ka$n" 10 60)" >/dev/null 2>>"$LOGS/mosq.log" & ;;
    2) seq 1 "$(other_rand "l$n" 5 80)" | sed 's/^/log line /' |
         lab_exec cli mosquitto_pub -h "$SRV_ADDR" -p "$PORT" "${TLSA[@]}" -t "logs/$n" -l -q "$q" >/dev/null 2>>"$LOGS/mosq.log" || true ;;
    3) head -c "$(other_rand "s$n" 2000 40000)" /dev/urandom > "$WORK/msg$n"
       lab_exec cli mosquitto_pub -h "$SRV_ADDR" -p "$PORT" "${TLSA[@]}" -t "files/$n" -f "$WORK/msg$n" -q "$q" \
         $([ "$(other_rand "r$n" 1 3)" = 1 ] && echo -r) >/dev/null 2>>"$LOGS/mosq.log" || true ;;
    4) lab_exec cli timeout 40 "$AV/bin/amqtt_sub" --url "$URL" "${ATLS[@]}" -t 'sensors/#' -t 'status/#' -q "$q" \
         -n "$(other_rand "c$n" 5 50)" -k "$(other_rand "ka$n" 10 60)" >/dev/null 2>>"$LOGS/amqtt_cli.log" & ;;
    5) lab_exec cli timeout 30 "$AV/bin/amqtt_pub" --url "$URL" "${ATLS[@]}" -t "status/dev$n" -q "$q" -r \
         -m "{\"dev\": $n, \"state\": \"online\", \"fw\": \"1.$(other_rand "fw$n" 0 9)\"}" >/dev/null 2>>"$LOGS/amqtt_cli.log" || true ;;
    6) seq 1 "$(other_rand "l$n" 5 40)" | sed 's/^/event /' |
         lab_exec cli timeout 30 "$AV/bin/amqtt_pub" --url "$URL" "${ATLS[@]}" -t "events/$n" -q "$q" -l >/dev/null 2>>"$LOGS/amqtt_cli.log" || true ;;
  esac
  sleep "$(other_rand "gap$n" 1 5)"
done
wait "$cpid" || true
sleep 2
lab_capture_stop "$cap"
other_truth "$ENC" amqtt "$(other_roles server=amqtt@"$AMV" client=mosquitto-clients client=python3-paho-mqtt client=amqtt@"$AMV")" \
  "tcp,$SRV_ADDR,$PORT,other,mqtt"

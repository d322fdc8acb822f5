#!/usr/bin/env bash
# other_mqtt_rabbitmq.sh -- MQTT telemetry through RabbitMQ's MQTT plugin (Erlang; not mosquitto), labelled other/mqtt.
# quick: yes
# software: rabbitmq-server (with rabbitmq_mqtt); mosquitto-clients (mosquitto_pub, mosquitto_sub), python3-paho-mqtt, amqtt (amqtt_pub, amqtt_sub; PyPI, own venv)
# Server srv 10.80.82.1 (fd80::82:1): rabbitmq-server as its own Erlang node (config, Mnesia dir and
# cookie in the work dir, as other_amqp_rabbitmq.sh) with the rabbitmq_mqtt plugin only (no AMQP
# listener): MQTT 3.1.1 on PORT (1883; --tls: MQTT over TLS on 8883 with the lab's throw-away
# certificates), anonymous clients mapped to the guest user; RabbitMQ 3.10 has no QoS 2 (the
# clients use QoS 0 and 1).  Client cli: apps/other_mqtt_client.py (paho-mqtt: sensors with
# reconnecting telemetry sessions, keep-alives of 15-60 s, 2 dashboards subscribed to sensors/#,
# retained firmware blobs) and, started every few seconds, mosquitto_sub watchers (-C N),
# mosquitto_pub bursts (-l lines, files, retained status messages), amqtt_sub watchers (-n N) and
# amqtt_pub messages (-m, -l, -r retained), for DURATION s.  Link 20 Mbit/s (or the WAN link).
# Capture on srv (from the moment the MQTT listener is up).
# Usage: other_mqtt_rabbitmq.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
other_scenario other_mqtt_rabbitmq 82 "$@"
AV=${LAB_AMQTT_VENV:-/opt/flowclass-lab/amqtt-venv}
DUR=${DUR_ARG:-75}; SENSORS=5
[ "$QUICK" = 1 ] && { DUR=20; SENSORS=3; }
other_hosts 20
R=$WORK/rabbit; mkdir -p "$R/mnesia" "$R/log"
if [ "$TLS" = 1 ]; then
  PORT=${PORT_ARG:-8883}; other_certs; ENC=yes; SCHEME=mqtts
  TLSA=(--cafile "$WORK/certs/ca.crt" --insecure); PYTLS=(--tls "$WORK/certs/ca.crt"); ATLS=(--ca-file "$WORK/certs/ca.crt")
  cat > "$R/rabbitmq.conf" <<CONF
mqtt.listeners.tcp = none
mqtt.listeners.ssl.default = $PORT
ssl_options.cacertfile = $WORK/certs/ca.crt
ssl_options.certfile = $WORK/certs/server.crt
ssl_options.keyfile = $WORK/certs/server.key
ssl_options.verify = verify_none
ssl_options.fail_if_no_peer_cert = false
CONF
else
  PORT=${PORT_ARG:-1883}; ENC=no; SCHEME=mqtt; TLSA=(); PYTLS=(); ATLS=()
  printf 'mqtt.listeners.tcp.default = %s\n' "$PORT" > "$R/rabbitmq.conf"
fi
printf 'listeners.tcp = none\nloopback_users = none\nmqtt.allow_anonymous = true\nmqtt.default_user = guest\nmqtt.default_pass = guest\nmanagement_agent.disable_metrics_collector = true\n' >> "$R/rabbitmq.conf"
echo '[rabbitmq_mqtt].' > "$R/enabled_plugins"
echo "labcookie$SEED" > "$R/.erlang.cookie"; chmod 400 "$R/.erlang.cookie"
lab_bg srv "$LOGS/server.log" env HOME="$R" RABBITMQ_NODENAME="labmqtt@localhost" RABBITMQ_CONFIG_FILE="$R/rabbitmq" \
  RABBITMQ_MNESIA_BASE="$R/mnesia" RABBITMQ_LOG_BASE="$R/log" RABBITMQ_ENABLED_PLUGINS_FILE="$R/enabled_plugins" \
  RABBITMQ_PLUGINS_EXPAND_DIR="$R/plugins" /usr/lib/rabbitmq/bin/rabbitmq-server >/dev/null
other_wait_listen srv "$PORT"
if [ "$V6" = 1 ]; then URL="$SCHEME://[$SRV_ADDR]:$PORT"; else URL="$SCHEME://$SRV_ADDR:$PORT"; fi
AMV=$("$AV/bin/python" -c 'from importlib.metadata import version; print(version("amqtt"))')
cap=$(other_capture_start)
lab_exec cli "$OTHER_PY" "$LAB_DIR/apps/other_mqtt_client.py" --host "$SRV_ADDR" --port "$PORT" --seed "$SEED" \
  --sensors "$SENSORS" --dashboards 2 --duration "$DUR" "${PYTLS[@]}" 2>"$LOGS/client.log" &
cpid=$!
end=$((SECONDS + DUR)); n=0
while [ $SECONDS -lt $end ]; do
  n=$((n + 1)); q=$(other_rand "q$n" 0 1)
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
other_truth "$ENC" rabbitmq "$(other_roles server=rabbitmq-server client=mosquitto-clients client=python3-paho-mqtt client=amqtt@"$AMV")" \
  "tcp,$SRV_ADDR,$PORT,other,mqtt"

#!/usr/bin/env bash
# datasets/lab/scenarios/lib_mqtt_users.sh -- the client side of the MQTT scenarios with a broker
# other than mosquitto (other_mqtt_amqtt.sh, other_mqtt_rabbitmq.sh and their variants).
# Source after lib_other_tcp.sh; uses SRV_ADDR, PORT, URL, DUR, SENSORS, SEED, LAB_DIR, OTHER_PY,
# LOGS, WORK, AV (amqtt's venv) and the TLS options TLSA (mosquitto clients), PYTLS (paho), ATLS
# (amqtt clients).
#
#   mqtt_users MAX_QOS   for DUR seconds in host cli: apps/other_mqtt_client.py (paho sensors and
#                        dashboards) and, every 1-5 s, one of mosquitto_sub, mosquitto_pub (lines,
#                        files, retained), amqtt_sub, amqtt_pub (status, events) at QoS 0..MAX_QOS;
#                        returns when the paho client ends
mqtt_users() {
  local cpid end n q
  lab_exec cli "$OTHER_PY" "$LAB_DIR/apps/other_mqtt_client.py" --host "$SRV_ADDR" --port "$PORT" --seed "$SEED" \
    --sensors "$SENSORS" --dashboards 2 --duration "$DUR" "${PYTLS[@]}" 2>"$LOGS/client.log" &
  cpid=$!
  end=$((SECONDS + DUR)); n=0
  while [ $SECONDS -lt $end ]; do
    n=$((n + 1)); q=$(other_rand "q$n" 0 "$1")
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
}

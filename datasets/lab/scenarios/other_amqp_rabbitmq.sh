#!/usr/bin/env bash
# other_amqp_rabbitmq.sh -- AMQP 0-9-1 and STOMP clients of RabbitMQ, labelled other/amqp and other/stomp.
# quick: yes
# software: rabbitmq-server (with rabbitmq_stomp); python3-pika; python3-stomp (stomp.py)
# Server srv 10.80.47.1 (fd80::47:1): rabbitmq-server as its own Erlang node (config, Mnesia dir and
# cookie in the work dir) with the STOMP plugin: AMQP on PORT (5672; with --tls AMQPS 5671) and
# STOMP on 61613 (with --tls STOMP over TLS on 61614), the lab's throw-away certificates.  Client
# cli: apps/other_amqp_client.py (pika work queues, RPC and fanout sessions; stomp.py send and
# subscribe sessions) with USERS users for DURATION s.  Link 50 Mbit/s (or the WAN link).
# Capture on srv (from the moment both listeners are up).
# Usage: other_amqp_rabbitmq.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
other_scenario other_amqp_rabbitmq 47 "$@"
DUR=${DUR_ARG:-45}; USERS=5
[ "$QUICK" = 1 ] && { DUR=15; USERS=2; }
other_hosts 50
R=$WORK/rabbit; mkdir -p "$R/mnesia" "$R/log"
if [ "$TLS" = 1 ]; then
  PORT=${PORT_ARG:-5671}; SPORT=61614; ENC=yes; other_certs; PYTLS=(--tls "$WORK/certs/ca.crt")
  cat > "$R/rabbitmq.conf" <<CONF
listeners.tcp = none
listeners.ssl.default = $PORT
stomp.listeners.tcp = none
stomp.listeners.ssl.1 = $SPORT
ssl_options.cacertfile = $WORK/certs/ca.crt
ssl_options.certfile = $WORK/certs/server.crt
ssl_options.keyfile = $WORK/certs/server.key
ssl_options.verify = verify_none
ssl_options.fail_if_no_peer_cert = false
CONF
else
  PORT=${PORT_ARG:-5672}; SPORT=61613; ENC=no; PYTLS=()
  printf 'listeners.tcp.default = %s\nstomp.listeners.tcp.1 = %s\n' "$PORT" "$SPORT" > "$R/rabbitmq.conf"
fi
printf 'loopback_users = none\nmanagement_agent.disable_metrics_collector = true\n' >> "$R/rabbitmq.conf"
other_rabbitmq_start "$R" lab rabbitmq_stomp
other_wait_listen srv "$PORT"; other_wait_listen srv "$SPORT"
cap=$(other_capture_start)
lab_exec cli "$OTHER_PY" "$OTHER_APPS/other_amqp_client.py" --host "$SRV_ADDR" --amqp-port "$PORT" --stomp-port "$SPORT" \
  --seed "$SEED" --users "$USERS" --duration "$DUR" "${PYTLS[@]}" 2>"$LOGS/client.log"
lab_capture_stop "$cap"
other_truth "$ENC" rabbitmq "$(other_roles server=rabbitmq-server client=python3-pika client=python3-stomp)" \
  "tcp,$SRV_ADDR,$PORT,other,amqp" "tcp,$SRV_ADDR,$SPORT,other,stomp"

#!/usr/bin/env bash
# other_amqp_rabbitmq_tls_v6.sh -- other_amqp_rabbitmq.sh with AMQPS (5671) and STOMP over TLS (61614), over IPv6 (pcapng).
# base: other_amqp_rabbitmq
# software: rabbitmq-server (with rabbitmq_stomp); python3-pika; python3-stomp (stomp.py)
# Same workload as the base scenario (see other_amqp_rabbitmq.sh), shorter run; its own scenario name.
# Usage: other_amqp_rabbitmq_tls_v6.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_amqp_rabbitmq.sh" --name other_amqp_rabbitmq_tls_v6 --tls --v6 --format pcapng --duration 35 "$@"

#!/usr/bin/env bash
# wan70_other_amqp_rabbitmq.sh -- other_amqp_rabbitmq.sh with the client behind the WAN link (rtt=70,jitter=5,loss=0.002,rate=20), SLL2.
# base: other_amqp_rabbitmq
# software: rabbitmq-server (with rabbitmq_stomp); python3-pika; python3-stomp (stomp.py)
# Same workload as the base scenario (see other_amqp_rabbitmq.sh); its own scenario name.
# Usage: wan70_other_amqp_rabbitmq.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_amqp_rabbitmq.sh" --name wan70_other_amqp_rabbitmq --wan rtt=70,jitter=5,loss=0.002,rate=20 --format sll2 "$@"

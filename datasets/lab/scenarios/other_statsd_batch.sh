#!/usr/bin/env bash
# other_statsd_batch.sh -- other_statsd_collectd.sh with clients sending pipelined batches to UDP
# 9125, three of them over IPv6; capture -i any on the server (Linux cooked v2).
# quick: yes
# lab round: udp-other
# software: collectd-core (statsd plugin); python3-statsd in apps/other_statsd_user.py
# Usage: other_statsd_batch.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_statsd_collectd.sh" --variant batch --name other_statsd_batch "$@"

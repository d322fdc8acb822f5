#!/usr/bin/env bash
# wan40_other_statsd_collectd.sh -- other_statsd_collectd.sh with a1 behind the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: other_statsd_collectd
# wan: rtt=40,jitter=2,loss=0.002,rate=20,up=10
# lab round: udp-other
# software: collectd-core (statsd plugin); python3-statsd in apps/other_statsd_user.py
# Capture on a1's eth0; shorter run (80 s).
# Usage: wan40_other_statsd_collectd.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_statsd_collectd.sh" --wan "rtt=40,jitter=2,loss=0.002,rate=20,up=10" --name wan40_other_statsd_collectd --duration 80 "$@"

#!/usr/bin/env bash
# wan200_other_collectd_net.sh -- other_collectd_net.sh with m1 behind the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: other_collectd_net
# wan: rtt=200,jitter=10,loss=0.005,rate=4,up=1
# lab round: udp-other
# software: collectd-core (collectd, network plugin)
# Capture on m1's eth0; shorter run (80 s).
# Usage: wan200_other_collectd_net.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_collectd_net.sh" --wan "rtt=200,jitter=10,loss=0.005,rate=4,up=1" --name wan200_other_collectd_net --duration 80 "$@"

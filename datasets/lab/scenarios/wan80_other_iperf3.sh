#!/usr/bin/env bash
# wan80_other_iperf3.sh -- other_iperf3.sh with cli1 behind the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: other_iperf3
# wan: rtt=80,jitter=5,loss=0.01,rate=6,up=3
# software: iperf3
# Capture on cli1's eth0; shorter run (60 s).
# Usage: wan80_other_iperf3.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_iperf3.sh" --wan "rtt=80,jitter=5,loss=0.01,rate=6,up=3" --name wan80_other_iperf3 --duration 60 "$@"

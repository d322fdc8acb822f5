#!/usr/bin/env bash
# wan60_other_fastd.sh -- other_fastd.sh with n1 behind the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: other_fastd
# wan: rtt=60,jitter=4,loss=0.005,rate=8,up=4
# lab round: other-udp3
# software: fastd (TAP mode); inside: curl, python http.server, ping
# Capture on n1's eth0; shorter run (70 s).
# Usage: wan60_other_fastd.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_fastd.sh" --wan "rtt=60,jitter=4,loss=0.005,rate=8,up=4" --name wan60_other_fastd --duration 70 "$@"

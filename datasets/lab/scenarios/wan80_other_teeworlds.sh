#!/usr/bin/env bash
# wan80_other_teeworlds.sh -- other_teeworlds.sh with p1 behind the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: other_teeworlds
# wan: rtt=80,jitter=6,loss=0.005,rate=8,up=4
# lab round: other-udp3
# software: teeworlds-server (dedicated server), teeworlds (client) under xvfb-run
# Capture on p1's eth0; shorter run (70 s).
# Usage: wan80_other_teeworlds.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_teeworlds.sh" --wan "rtt=80,jitter=6,loss=0.005,rate=8,up=4" --name wan80_other_teeworlds --duration 70 "$@"

#!/usr/bin/env bash
# wan120_other_tinc.sh -- other_tinc.sh with c1 behind the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: other_tinc
# wan: rtt=120,jitter=8,loss=0.01,rate=6,up=2
# lab round: other-udp3
# software: tinc (tincd 1.0); inside: curl, python http.server, ping
# Capture on c1's eth0; shorter run (70 s).
# Usage: wan120_other_tinc.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_tinc.sh" --wan "rtt=120,jitter=8,loss=0.01,rate=6,up=2" --name wan120_other_tinc --duration 70 "$@"

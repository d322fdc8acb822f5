#!/usr/bin/env bash
# wan60_other_n2n_edge.sh -- other_n2n_edge.sh with e1 behind the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: other_n2n_edge
# wan: rtt=60,jitter=4,loss=0.005,rate=8,up=4
# lab round: udp-other
# software: n2n (supernode, edge); inside: curl, python http.server
# Capture on e1's eth0; shorter run (80 s).
# Usage: wan60_other_n2n_edge.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_n2n_edge.sh" --wan "rtt=60,jitter=4,loss=0.005,rate=8,up=4" --name wan60_other_n2n_edge --duration 80 "$@"

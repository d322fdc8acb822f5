#!/usr/bin/env bash
# wan80_other_opendht.sh -- other_opendht.sh with node host d3 behind the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: other_opendht
# wan: rtt=80,jitter=6,loss=0.01,rate=10
# software: dhtnode (Debian, OpenDHT); apps/other_opendht_user.py
# lab round: p2p-other
# 10.79.182.0/24, UDP 4222 (d3's sessions on ports of their own); capture on d3, -i any (SLL2): d3's
# node sessions, one after another, with every other node of the swarm; 100 s.
# Usage: wan80_other_opendht.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_opendht.sh" --wan "rtt=80,jitter=6,loss=0.01,rate=10" --name wan80_other_opendht --duration 100 "$@"

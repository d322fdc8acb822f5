#!/usr/bin/env bash
# wan150_other_stun_nodeturn.sh -- other_stun_nodeturn.sh with client c1 behind the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: other_stun_nodeturn
# wan: rtt=150,jitter=10,loss=0.01,rate=5
# software: node-turn (npm); aioice, npm stun, coturn turnutils_stunclient (clients)
# lab round: impl-udp2
# Capture on c1's eth0; three users on c1, 80 s.
# Usage: wan150_other_stun_nodeturn.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_stun_nodeturn.sh" --wan "rtt=150,jitter=10,loss=0.01,rate=5" --name wan150_other_stun_nodeturn --duration 80 "$@"

#!/usr/bin/env bash
# wan150_other_turn_coturn.sh -- other_turn_coturn.sh with client c1 behind the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: other_turn_coturn
# wan: rtt=150,jitter=10,loss=0.01,rate=5
# software: coturn (turnserver, turnutils)
# Capture on c1's eth0; shorter run (60 s).
# Usage: wan150_other_turn_coturn.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_turn_coturn.sh" --wan "rtt=150,jitter=10,loss=0.01,rate=5" --name wan150_other_turn_coturn --duration 60 "$@"

#!/usr/bin/env bash
# wan80_other_nebula_v6_443.sh -- other_nebula.sh's alt variant (lighthouse on 443, AES-256-GCM, the hosts over IPv6) with h1 behind the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: other_nebula
# wan: rtt=80,jitter=5,loss=0.005,rate=10,up=4
# quick: yes
# lab round: p2p-other
# software: nebula 1.6.1 (Debian, nebula-cert); inside: curl, python3 http.server
# Capture on h1's eth0 (pcapng, dumpcap); shorter run (80 s).
# implementation = nebula
# Usage: wan80_other_nebula_v6_443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_nebula.sh" --variant alt --wan "rtt=80,jitter=5,loss=0.005,rate=10,up=4" --name wan80_other_nebula_v6_443 --duration 80 "$@"

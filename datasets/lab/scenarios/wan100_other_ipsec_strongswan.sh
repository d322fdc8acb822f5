#!/usr/bin/env bash
# wan100_other_ipsec_strongswan.sh -- other_ipsec_strongswan.sh with r1 behind the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: other_ipsec_strongswan
# wan: rtt=100,jitter=6,loss=0.01,rate=6,up=2
# lab round: other-udp3
# software: strongswan (charon + kernel-libipsec, swanctl); inside: curl, python http.server, ping
# Capture on r1's eth0; shorter run (70 s).
# Usage: wan100_other_ipsec_strongswan.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_ipsec_strongswan.sh" --wan "rtt=100,jitter=6,loss=0.01,rate=6,up=2" --name wan100_other_ipsec_strongswan --duration 70 "$@"

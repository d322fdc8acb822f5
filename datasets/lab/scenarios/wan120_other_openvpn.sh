#!/usr/bin/env bash
# wan120_other_openvpn.sh -- other_openvpn.sh with client c1 behind the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: other_openvpn
# wan: rtt=120,jitter=8,loss=0.01,rate=6,up=2
# software: openvpn, openssl; curl, python http.server, ping inside
# Capture on c1's eth0; shorter run (120 s).
# Usage: wan120_other_openvpn.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_openvpn.sh" --wan "rtt=120,jitter=8,loss=0.01,rate=6,up=2" --name wan120_other_openvpn --duration 120 "$@"

#!/usr/bin/env bash
# wan60_other_wireguard_go.sh -- other_wireguard_go.sh with peer r1 behind the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: other_wireguard_go
# wan: rtt=60,jitter=4,loss=0.005,rate=8,up=4
# software: wireguard-go, wireguard-tools; curl, python http.server, ping inside
# Capture on r1's eth0; shorter run (120 s).
# Usage: wan60_other_wireguard_go.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_wireguard_go.sh" --wan "rtt=60,jitter=4,loss=0.005,rate=8,up=4" --name wan60_other_wireguard_go --duration 120 "$@"

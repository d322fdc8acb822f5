#!/usr/bin/env bash
# wan60_other_sip_baresip.sh -- other_sip_baresip.sh with caller a1 behind the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: other_sip_baresip
# wan: rtt=60,jitter=8,loss=0.01,rate=4,up=1
# software: baresip (opus, ausine)
# Capture on a1's eth0; shorter run (50 s).
# Usage: wan60_other_sip_baresip.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_sip_baresip.sh" --wan "rtt=60,jitter=8,loss=0.01,rate=4,up=1" --name wan60_other_sip_baresip --duration 50 "$@"

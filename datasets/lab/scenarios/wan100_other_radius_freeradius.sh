#!/usr/bin/env bash
# wan100_other_radius_freeradius.sh -- other_radius_freeradius.sh with nas1 behind the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: other_radius_freeradius
# wan: rtt=100,jitter=8,loss=0.01,rate=10
# software: freeradius; radclient
# Capture on nas1's eth0; shorter run (60 s).
# Usage: wan100_other_radius_freeradius.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_radius_freeradius.sh" --wan "rtt=100,jitter=8,loss=0.01,rate=10" --name wan100_other_radius_freeradius --duration 60 "$@"

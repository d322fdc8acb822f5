#!/usr/bin/env bash
# wan100_other_srt_live.sh -- other_srt_live.sh with e1 behind the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: other_srt_live
# wan: rtt=100,jitter=8,loss=0.01,rate=6,up=3
# lab round: udp-other
# software: srt-tools (srt-live-transmit)
# Capture on e1's eth0; shorter run (80 s).
# Usage: wan100_other_srt_live.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_srt_live.sh" --wan "rtt=100,jitter=8,loss=0.01,rate=6,up=3" --name wan100_other_srt_live --duration 80 "$@"

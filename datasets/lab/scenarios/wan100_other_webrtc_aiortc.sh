#!/usr/bin/env bash
# wan100_other_webrtc_aiortc.sh -- other_webrtc_aiortc.sh with caller a1 behind the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: other_webrtc_aiortc
# wan: rtt=100,jitter=10,loss=0.01,rate=4,up=2
# software: python3-aiortc
# Capture on a1's eth0; shorter run (120 s).
# Usage: wan100_other_webrtc_aiortc.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_webrtc_aiortc.sh" --wan "rtt=100,jitter=10,loss=0.01,rate=4,up=2" --name wan100_other_webrtc_aiortc --duration 120 "$@"

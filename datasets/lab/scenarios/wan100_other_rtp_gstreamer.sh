#!/usr/bin/env bash
# wan100_other_rtp_gstreamer.sh -- other_rtp_gstreamer.sh with caller a1 behind the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: other_rtp_gstreamer
# wan: rtt=100,jitter=8,loss=0.005,rate=8
# software: GStreamer (gst-launch-1.0 rtpbin: Opus, VP8, OpenH264)
# lab round: impl-udp2
# Capture on a1's eth0 (its calls with b1 only); 100 s.
# Usage: wan100_other_rtp_gstreamer.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_rtp_gstreamer.sh" --wan "rtt=100,jitter=8,loss=0.005,rate=8" --name wan100_other_rtp_gstreamer --duration 100 "$@"

#!/usr/bin/env bash
# other_rtp_ffmpeg_v6.sh -- other_rtp_gstreamer.sh, variant ffmpeg: ffmpeg's RTP muxer sends Opus and VP8 /
# H.264 over IPv6 to GStreamer rtpbin receivers on one media host, captured there with tcpdump -i any.
# base: other_rtp_gstreamer
# quick: yes
# software: ffmpeg (RTP muxer: libopus, libvpx, libx264; sender); GStreamer rtpbin (receiver)
# lab round: impl-udp2
# Usage: other_rtp_ffmpeg_v6.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_rtp_gstreamer.sh" --variant ffmpeg --name other_rtp_ffmpeg_v6 "$@"

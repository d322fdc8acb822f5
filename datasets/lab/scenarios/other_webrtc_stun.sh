#!/usr/bin/env bash
# other_webrtc_stun.sh -- other_webrtc_aiortc.sh with data-channel-only calls and a coturn STUN server
# (server-reflexive candidates), pcapng capture on a callee.
# quick: yes
# software: python3-aiortc, coturn (STUN only)
# Usage: other_webrtc_stun.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_webrtc_aiortc.sh" --variant stun --name other_webrtc_stun "$@"

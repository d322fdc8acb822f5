#!/usr/bin/env bash
# wan120_h3_chromium_caddy_443.sh -- h3_chromium_caddy_443.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: h3_chromium_caddy_443
# wan: rtt=120,jitter=6,loss=0.005,rate=6
# software: caddy (h2 + h3 on 443); chromium (QUIC on, Alt-Svc and forced)
# The captured client sits behind a router namespace imposing rtt=120,jitter=6,loss=0.005,rate=6 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, 3 Chromium runs (144 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan120_h3_chromium_caddy_443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/h3_chromium_caddy_443.sh" --wan "rtt=120,jitter=6,loss=0.005,rate=6" --name wan120_h3_chromium_caddy_443 --duration 144 "$@"

#!/usr/bin/env bash
# wan250_wss_chromium_lighttpd_page_443.sh -- wss_chromium_lighttpd_page_443.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: wss_chromium_lighttpd_page_443
# wan: rtt=250,jitter=10,loss=0.01,rate=10
# software: lighttpd (mod_openssl, mod_proxy WebSocket upgrade) + python3-websockets backend; headless Chromium
# The captured client sits behind a router namespace imposing rtt=250,jitter=10,loss=0.01,rate=10 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (90 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan250_wss_chromium_lighttpd_page_443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/wss_chromium_lighttpd_page_443.sh" --wan "rtt=250,jitter=10,loss=0.01,rate=10" --name wan250_wss_chromium_lighttpd_page_443 --duration 90  "$@"

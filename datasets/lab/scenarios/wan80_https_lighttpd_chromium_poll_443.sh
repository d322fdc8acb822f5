#!/usr/bin/env bash
# wan80_https_lighttpd_chromium_poll_443.sh -- https_lighttpd_chromium_poll_443.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: https_lighttpd_chromium_poll_443
# wan: rtt=80,jitter=6,loss=0.005,rate=8
# software: lighttpd (mod_openssl, mod_proxy) + aiohttp API backend; headless Chromium (--disable-http2), curl, Python http.client/urllib
# The captured client sits behind a router namespace imposing rtt=80,jitter=6,loss=0.005,rate=8 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (100 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan80_https_lighttpd_chromium_poll_443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/https_lighttpd_chromium_poll_443.sh" --wan "rtt=80,jitter=6,loss=0.005,rate=8" --name wan80_https_lighttpd_chromium_poll_443 --duration 100  "$@"

#!/usr/bin/env bash
# wan40_http_nginx_chromium_poll_shortka.sh -- http_nginx_chromium_poll_shortka.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: http_nginx_chromium_poll_shortka
# wan: rtt=40,jitter=3,loss=0.002,rate=6
# software: nginx + aiohttp API backend; headless Chromium, Python urllib
# The captured client sits behind a router namespace imposing rtt=40,jitter=3,loss=0.002,rate=6 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (100 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan40_http_nginx_chromium_poll_shortka.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/http_nginx_chromium_poll_shortka.sh" --wan "rtt=40,jitter=3,loss=0.002,rate=6" --name wan40_http_nginx_chromium_poll_shortka --duration 100  "$@"

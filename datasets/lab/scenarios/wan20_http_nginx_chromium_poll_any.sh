#!/usr/bin/env bash
# wan20_http_nginx_chromium_poll_any.sh -- http_nginx_chromium_poll_any.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: http_nginx_chromium_poll_any
# wan: rtt=20,jitter=2,loss=0,rate=5
# software: nginx + aiohttp API backend; headless Chromium, curl
# The captured client sits behind a router namespace imposing rtt=20,jitter=2,loss=0,rate=5 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (80 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan20_http_nginx_chromium_poll_any.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/http_nginx_chromium_poll_any.sh" --wan "rtt=20,jitter=2,loss=0,rate=5" --name wan20_http_nginx_chromium_poll_any --duration 80  "$@"

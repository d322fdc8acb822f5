#!/usr/bin/env bash
# wan150_https_nginx_longpoll.sh -- https_nginx_longpoll.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: https_nginx_longpoll
# wan: rtt=150,jitter=15,loss=0.005,rate=3
# software: nginx (TLS) + aiohttp API backend; Python http.client, curl, headless Chromium
# The captured client sits behind a router namespace imposing rtt=150,jitter=15,loss=0.005,rate=3 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (90 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan150_https_nginx_longpoll.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/https_nginx_longpoll.sh" --wan "rtt=150,jitter=15,loss=0.005,rate=3" --name wan150_https_nginx_longpoll --duration 90  "$@"

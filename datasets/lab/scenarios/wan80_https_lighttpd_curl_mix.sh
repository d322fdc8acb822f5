#!/usr/bin/env bash
# wan80_https_lighttpd_curl_mix.sh -- https_lighttpd_curl_mix.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: https_lighttpd_curl_mix
# wan: rtt=80,jitter=5,loss=0.01,rate=10
# software: lighttpd (TLS) + aiohttp API backend; curl, Python http.client
# The captured client sits behind a router namespace imposing rtt=80,jitter=5,loss=0.01,rate=10 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (80 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan80_https_lighttpd_curl_mix.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/https_lighttpd_curl_mix.sh" --wan "rtt=80,jitter=5,loss=0.01,rate=10" --name wan80_https_lighttpd_curl_mix --duration 80  "$@"

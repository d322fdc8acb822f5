#!/usr/bin/env bash
# wan300_https_lighttpd_curl_mix.sh -- https_lighttpd_curl_mix.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: https_lighttpd_curl_mix
# wan: rtt=300,jitter=10,loss=0.005,rate=10
# software: lighttpd (TLS) + aiohttp API backend; curl, Python http.client
# The captured client sits behind a router namespace imposing rtt=300,jitter=10,loss=0.005,rate=10 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (80 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan300_https_lighttpd_curl_mix.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/https_lighttpd_curl_mix.sh" --wan "rtt=300,jitter=10,loss=0.005,rate=10" --name wan300_https_lighttpd_curl_mix --duration 80  "$@"

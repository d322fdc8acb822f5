#!/usr/bin/env bash
# wan80_http_nginx_curl_rest.sh -- http_nginx_curl_rest.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: http_nginx_curl_rest
# wan: rtt=80,jitter=8,loss=0.015,rate=10,up=2
# software: nginx + aiohttp API backend; curl, Python http.client
# The captured client sits behind a router namespace imposing rtt=80,jitter=8,loss=0.015,rate=10,up=2 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (80 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan80_http_nginx_curl_rest.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/http_nginx_curl_rest.sh" --wan "rtt=80,jitter=8,loss=0.015,rate=10,up=2" --name wan80_http_nginx_curl_rest --duration 80  "$@"

#!/usr/bin/env bash
# wan60_https_nginx_python_api_6881.sh -- https_nginx_python_api_6881.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: https_nginx_python_api_6881
# wan: rtt=60,jitter=4,loss=0.005,rate=8
# software: nginx (TLS, HTTP/1.1) + aiohttp API backend; Python urllib.request + http.client (OpenSSL)
# The captured client sits behind a router namespace imposing rtt=60,jitter=4,loss=0.005,rate=8 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (90 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan60_https_nginx_python_api_6881.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/https_nginx_python_api_6881.sh" --wan "rtt=60,jitter=4,loss=0.005,rate=8" --name wan60_https_nginx_python_api_6881 --duration 90  "$@"

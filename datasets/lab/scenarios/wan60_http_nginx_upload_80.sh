#!/usr/bin/env bash
# wan60_http_nginx_upload_80.sh -- http_nginx_upload_80.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: http_nginx_upload_80
# wan: rtt=60,jitter=4,loss=0.01,rate=8,up=2
# software: nginx (reverse proxy) + aiohttp backend; curl, Python http.client
# The captured client sits behind a router namespace imposing rtt=60,jitter=4,loss=0.01,rate=8,up=2 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (80 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan60_http_nginx_upload_80.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/http_nginx_upload_80.sh" --wan "rtt=60,jitter=4,loss=0.01,rate=8,up=2" --name wan60_http_nginx_upload_80 --duration 80  "$@"

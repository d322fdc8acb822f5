#!/usr/bin/env bash
# wan70_http_h2o_aiohttp_api_80.sh -- http_h2o_aiohttp_api_80.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: http_h2o_aiohttp_api_80
# wan: rtt=70,jitter=5,loss=0.01,rate=8
# software: h2o 2.2.5 (libh2o HTTP/1.1; proxy -> aiohttp http_api.py); aiohttp 3.8 client; httpx 0.23 (h11); lynx 2.9
# The captured client sits behind a router namespace imposing rtt=70,jitter=5,loss=0.01,rate=8 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (60 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan70_http_h2o_aiohttp_api_80.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/http_h2o_aiohttp_api_80.sh" --wan "rtt=70,jitter=5,loss=0.01,rate=8" --name wan70_http_h2o_aiohttp_api_80 --duration 60 "$@"

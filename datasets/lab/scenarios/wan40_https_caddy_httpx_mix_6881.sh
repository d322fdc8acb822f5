#!/usr/bin/env bash
# wan40_https_caddy_httpx_mix_6881.sh -- https_caddy_httpx_mix_6881.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: https_caddy_httpx_mix_6881
# wan: rtt=40,jitter=3,loss=0.002,rate=10
# software: caddy 2.6 (file_server, reverse_proxy -> aiohttp http_api.py); httpx 0.23 (h2 4.1 / h11); aiohttp 3.8 client
# The captured client sits behind a router namespace imposing rtt=40,jitter=3,loss=0.002,rate=10 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (60 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan40_https_caddy_httpx_mix_6881.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/https_caddy_httpx_mix_6881.sh" --wan "rtt=40,jitter=3,loss=0.002,rate=10" --name wan40_https_caddy_httpx_mix_6881 --duration 60 "$@"

#!/usr/bin/env bash
# wan200_http_apache2_w3m_lynx_8080.sh -- http_apache2_w3m_lynx_8080.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: http_apache2_w3m_lynx_8080
# wan: rtt=200,jitter=15,loss=0.005,rate=6
# software: apache2 2.4 (event MPM, mod_proxy -> aiohttp http_api.py); w3m 0.5.3; lynx 2.9; aiohttp 3.8 client; httpx 0.23 (h11)
# The captured client sits behind a router namespace imposing rtt=200,jitter=15,loss=0.005,rate=6 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (60 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan200_http_apache2_w3m_lynx_8080.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/http_apache2_w3m_lynx_8080.sh" --wan "rtt=200,jitter=15,loss=0.005,rate=6" --name wan200_http_apache2_w3m_lynx_8080 --duration 60 "$@"

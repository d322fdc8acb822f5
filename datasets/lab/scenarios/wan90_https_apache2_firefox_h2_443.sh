#!/usr/bin/env bash
# wan90_https_apache2_firefox_h2_443.sh -- https_apache2_firefox_h2_443.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: https_apache2_firefox_h2_443
# wan: rtt=90,jitter=5,loss=0.005,rate=8
# software: apache2 2.4 (event MPM, mod_ssl / OpenSSL 3, mod_http2, mod_proxy -> aiohttp http_api.py); headless Firefox ESR; httpx 0.23 (h2)
# The captured client sits behind a router namespace imposing rtt=90,jitter=5,loss=0.005,rate=8 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (65 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan90_https_apache2_firefox_h2_443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/https_apache2_firefox_h2_443.sh" --wan "rtt=90,jitter=5,loss=0.005,rate=8" --name wan90_https_apache2_firefox_h2_443 --duration 65 "$@"

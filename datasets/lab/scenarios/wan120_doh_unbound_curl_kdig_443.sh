#!/usr/bin/env bash
# wan120_doh_unbound_curl_kdig_443.sh -- doh_unbound_curl_kdig_443.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: doh_unbound_curl_kdig_443
# wan: rtt=120,jitter=8,loss=0.01,rate=6
# software: unbound (DoH, https-port), nginx web origin; kdig, curl --doh-url, python3-dnspython
# The captured client sits behind a router namespace imposing rtt=120,jitter=8,loss=0.01,rate=6 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (75 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan120_doh_unbound_curl_kdig_443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/doh_unbound_curl_kdig_443.sh" --wan "rtt=120,jitter=8,loss=0.01,rate=6" --name wan120_doh_unbound_curl_kdig_443 --duration 75 "$@"

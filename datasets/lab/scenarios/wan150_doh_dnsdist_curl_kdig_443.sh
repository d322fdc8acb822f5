#!/usr/bin/env bash
# wan150_doh_dnsdist_curl_kdig_443.sh -- doh_dnsdist_curl_kdig_443.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: doh_dnsdist_curl_kdig_443
# wan: rtt=150,jitter=10,loss=0.005,rate=5
# software: dnsdist + dnsmasq, nginx web origin; kdig, curl --doh-url, python3-dnspython
# The captured client sits behind a router namespace imposing rtt=150,jitter=10,loss=0.005,rate=5 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (60 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan150_doh_dnsdist_curl_kdig_443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/doh_dnsdist_curl_kdig_443.sh" --wan "rtt=150,jitter=10,loss=0.005,rate=5" --name wan150_doh_dnsdist_curl_kdig_443 --duration 60 "$@"

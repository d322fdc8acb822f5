#!/usr/bin/env bash
# wan80_other_dns_unbound.sh -- other_dns_unbound.sh with the DNS user cli1 behind the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: other_dns_unbound
# wan: rtt=80,jitter=6,loss=0.01,rate=10
# software: unbound, nsd, dnsmasq; dig, kdig, drill, dnspython, dnsperf
# Capture on cli1 (-i any, Linux cooked v2): its lookups over the WAN link; shorter run (60 s).
# Usage: wan80_other_dns_unbound.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_dns_unbound.sh" --wan "rtt=80,jitter=6,loss=0.01,rate=10" --name wan80_other_dns_unbound --duration 60 "$@"

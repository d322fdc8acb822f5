#!/usr/bin/env bash
# wan150_other_dns_bind.sh -- other_dns_bind.sh with the DNS user cli1 behind the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: other_dns_bind
# wan: rtt=150,jitter=10,loss=0.005,rate=8
# software: bind9 named, dnsmasq; dig, kdig, drill, dnspython, dnsperf
# Capture on cli1 (-i any, Linux cooked v2): its lookups over the WAN link; shorter run (60 s).
# Usage: wan150_other_dns_bind.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_dns_unbound.sh" --variant bind --wan "rtt=150,jitter=10,loss=0.005,rate=8" --name wan150_other_dns_bind --duration 60 "$@"

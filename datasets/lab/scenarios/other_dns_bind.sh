#!/usr/bin/env bash
# other_dns_bind.sh -- other_dns_unbound.sh with bind9 named as the authorities and the recursive
# resolver (DNS over TLS through named's "tls" block on 853), dnsmasq forwarding, pcapng capture.
# quick: yes
# software: bind9 named (authoritative + recursive + DoT), dnsmasq; dig, kdig, drill, dnspython, dnsperf
# Usage: other_dns_bind.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_dns_unbound.sh" --variant bind --name other_dns_bind "$@"

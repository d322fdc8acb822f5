#!/usr/bin/env bash
# other_dhcp_v6.sh -- other_dhcp_dnsmasq.sh with DHCPv6 (dnsmasq stateful range, dhclient -6) beside
# udhcpc's DHCPv4, pcapng capture.
# quick: yes
# software: dnsmasq; isc-dhcp-client (dhclient -6), udhcpc
# Usage: other_dhcp_v6.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_dhcp_dnsmasq.sh" --variant v6 --name other_dhcp_v6 "$@"

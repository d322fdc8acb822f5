#!/usr/bin/env bash
# other_dhcp_udhcpd.sh -- other_dhcp_kea.sh with busybox udhcpd as the DHCP server (a third
# implementation beside dnsmasq and Kea), capture -i any (Linux cooked v2).
# quick: yes
# lab round: impl-udp
# software: udhcpd (busybox); isc-dhcp-client (dhclient), dhcpcd, udhcpc (busybox)
# Usage: other_dhcp_udhcpd.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_dhcp_kea.sh" --variant udhcpd --name other_dhcp_udhcpd "$@"

#!/usr/bin/env bash
# wan70_other_telnet_inetutils.sh -- other_telnet_inetutils.sh with the client behind the WAN link (rtt=70,jitter=5,loss=0.005,rate=5), telnetd on port 2323, over IPv6.
# base: other_telnet_inetutils
# software: inetutils-telnetd under inetutils-inetd; telnet (netkit client), Python telnetlib
# Same workload as the base scenario (see other_telnet_inetutils.sh); its own scenario name.
# Usage: wan70_other_telnet_inetutils.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_telnet_inetutils.sh" --name wan70_other_telnet_inetutils --wan rtt=70,jitter=5,loss=0.005,rate=5 --port 2323 --v6 "$@"

#!/usr/bin/env bash
# other_netflow_pmacct.sh -- other_netflow_softflowd.sh with pmacctd's nfprobe plugin exporting
# IPFIX to nfcapd on UDP 4739 over IPv6; pcapng capture (dumpcap) on the collector.
# quick: yes
# lab round: udp-other
# software: pmacct (pmacctd, nfprobe plugin), nfdump (nfcapd); traffic: curl, python http.server
# Usage: other_netflow_pmacct.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_netflow_softflowd.sh" --variant pmacct --name other_netflow_pmacct "$@"

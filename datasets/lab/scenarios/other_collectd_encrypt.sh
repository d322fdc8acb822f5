#!/usr/bin/env bash
# other_collectd_encrypt.sh -- other_collectd_net.sh with encrypted collectd network packets
# (SecurityLevel Encrypt) to UDP 25827, three reporters over IPv6; pcapng capture (dumpcap) on col.
# quick: yes
# lab round: udp-other
# software: collectd-core (collectd, network plugin)
# Usage: other_collectd_encrypt.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_collectd_net.sh" --variant encrypt --name other_collectd_encrypt "$@"

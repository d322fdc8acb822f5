#!/usr/bin/env bash
# other_fastd_alt.sh -- other_fastd.sh with the gateway on UDP 1443, method aes128-gcm, three nodes
# over IPv6, capture pcapng (dumpcap) on the gateway.
# quick: yes
# lab round: other-udp3
# software: fastd (TAP mode); inside: curl, python http.server, ping
# Usage: other_fastd_alt.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_fastd.sh" --variant alt --name other_fastd_alt "$@"

#!/usr/bin/env bash
# other_n2n_alt.sh -- other_n2n_edge.sh with the supernode on UDP 4500, edge MTU 1200, pcapng
# capture (dumpcap) on the web server's edge.
# quick: yes
# lab round: udp-other
# software: n2n (supernode, edge); inside: curl, python http.server
# Usage: other_n2n_alt.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_n2n_edge.sh" --variant alt --name other_n2n_alt "$@"

#!/usr/bin/env bash
# other_teeworlds_alt.sh -- other_teeworlds.sh with the server on UDP 27015, the second player over
# IPv6, capture pcapng (dumpcap) on the server.
# quick: yes
# lab round: other-udp3
# software: teeworlds-server (dedicated server), teeworlds (client) under xvfb-run
# Usage: other_teeworlds_alt.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_teeworlds.sh" --variant alt --name other_teeworlds_alt "$@"

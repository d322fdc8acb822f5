#!/usr/bin/env bash
# other_tinc_alt.sh -- other_tinc.sh with the hub on port 443, AES-256-CBC and SHA-256, three nodes
# over IPv6, capture -i any on the hub (Linux cooked v2).
# quick: yes
# lab round: other-udp3
# software: tinc (tincd 1.0); inside: curl, python http.server, ping
# Usage: other_tinc_alt.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_tinc.sh" --variant alt --name other_tinc_alt "$@"

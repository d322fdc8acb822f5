#!/usr/bin/env bash
# other_wireguard_alt.sh -- other_wireguard_go.sh with the hub on UDP 53, four peers over IPv6,
# pcapng capture (dumpcap) on the hub.
# quick: yes
# software: wireguard-go, wireguard-tools; curl, python http.server, ping inside
# Usage: other_wireguard_alt.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_wireguard_go.sh" --variant alt --name other_wireguard_alt "$@"

#!/usr/bin/env bash
# other_opendht_v6_4242.sh -- other_opendht.sh dual-stack: ten dhtnode hosts with IPv4 and IPv6
# addresses (10.79.181.0/24, fd79:181::/64) on UDP 4242, bootstrapped over IPv6 or IPv4, so every node runs
# OpenDHT's IPv4 and IPv6 DHTs side by side; capture on the bootstrap node d1 (dumpcap, pcapng).
# quick: yes
# software: dhtnode (Debian, OpenDHT); apps/other_opendht_user.py
# lab round: p2p-other
# Usage: other_opendht_v6_4242.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_opendht.sh" --variant v6 --name other_opendht_v6_4242 "$@"

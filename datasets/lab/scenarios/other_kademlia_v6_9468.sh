#!/usr/bin/env bash
# other_kademlia_v6_9468.sh -- other_kademlia.sh over IPv6 only: ten hosts in fd79:187::/64, kademlia
# nodes on UDP 9468 (the bootstrap nodes k1..k3) and ports of their own; capture on k1 (dumpcap, pcapng).
# quick: yes
# software: kademlia 2.2.3, rpcudp 5.0.1 (PyPI); apps/other_kademlia_node.py
# lab round: p2p-other
# Usage: other_kademlia_v6_9468.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_kademlia.sh" --variant v6 --name other_kademlia_v6_9468 "$@"

#!/usr/bin/env bash
# wan120_other_kademlia.sh -- other_kademlia.sh with node host k4 behind the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: other_kademlia
# wan: rtt=120,jitter=8,loss=0.01,rate=8
# software: kademlia 2.2.3, rpcudp 5.0.1 (PyPI); apps/other_kademlia_node.py
# lab round: p2p-other
# 10.79.186.0/24, UDP 8468 and ports of their own; capture on k4, -i any (SLL2): the sessions of the
# node user on k4 with every other node of the DHT; 100 s.
# Usage: wan120_other_kademlia.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_kademlia.sh" --wan "rtt=120,jitter=8,loss=0.01,rate=8" --name wan120_other_kademlia --duration 100 "$@"

#!/usr/bin/env bash
# wan120_other_hyperdht_40000.sh -- other_hyperdht.sh with the bootstrap and DHT nodes on UDP 40000 (--variant port) and user u1 behind the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py), captured on u1 with -i any (Linux cooked v2).
# base: other_hyperdht
# wan: rtt=120,jitter=10,loss=0.005,rate=8
# quick: yes
# software: hyperdht, hyperswarm (npm, apps/hyper_node)
# lab round: p2p-other
# Same workload as the base scenario (see other_hyperdht.sh) on 10.79.191.0/24, 90 s, bootstrap and DHT nodes on UDP 40000; u1 (two Hyperswarm apps) captured.
# Usage: wan120_other_hyperdht_40000.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_hyperdht.sh" --variant port --wan "rtt=120,jitter=10,loss=0.005,rate=8" --name wan120_other_hyperdht_40000 --duration 90 "$@"

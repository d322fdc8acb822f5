#!/usr/bin/env bash
# wan80_other_libp2p_v6_4101.sh -- other_libp2p.sh over IPv6 on TCP 4101, srv (the bootstrap node n1) behind the WAN link (rtt=80,jitter=5,loss=0.003,rate=10), captured with dumpcap (pcapng).
# base: other_libp2p
# quick: yes
# software: libp2p, @libp2p/tcp, @chainsafe/libp2p-noise, @chainsafe/libp2p-yamux, @libp2p/kad-dht, @libp2p/identify, @libp2p/ping, @libp2p/bootstrap (npm, apps/libp2p_node)
# lab round: p2p-other
# Same workload as the base scenario (see other_libp2p.sh), 75 s; its own scenario name.
# Usage: wan80_other_libp2p_v6_4101.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_libp2p.sh" --name wan80_other_libp2p_v6_4101 --v6 --port 4101 \
  --wan rtt=80,jitter=5,loss=0.003,rate=10 --format pcapng --duration 75 "$@"

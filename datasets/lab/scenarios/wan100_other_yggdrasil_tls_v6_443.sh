#!/usr/bin/env bash
# wan100_other_yggdrasil_tls_v6_443.sh -- other_yggdrasil.sh with tls:// peerings on 443 over IPv6, srv behind the WAN link (rtt=100,jitter=6,loss=0.005,rate=8,up=4), capture -i any on srv (Linux cooked v2).
# base: other_yggdrasil
# quick: yes
# lab round: p2p-other
# software: yggdrasil 0.4.7 (Debian); inside the overlay: python3 http.server, curl, openssh, iperf3
# Same nodes, peerings and workload as the base scenario (see other_yggdrasil.sh), shorter run; its own scenario name.
# implementation = yggdrasil
# Usage: wan100_other_yggdrasil_tls_v6_443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_yggdrasil.sh" --name wan100_other_yggdrasil_tls_v6_443 --tls --v6 --port 443 \
  --wan rtt=100,jitter=6,loss=0.005,rate=8,up=4 --format sll2 --duration 75 "$@"

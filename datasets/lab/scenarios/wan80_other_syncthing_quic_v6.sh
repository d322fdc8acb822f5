#!/usr/bin/env bash
# wan80_other_syncthing_quic_v6.sh -- other_syncthing.sh over QUIC (TCP fallback) with local discovery, IPv6, port 22100, srv behind the WAN link (rtt=80,jitter=5,loss=0.002,rate=10), -i any (SLL2).
# base: other_syncthing
# quick: yes
# software: syncthing (syncthing serve, configured by its config.xml, polled through its REST API)
# Same workload as the base scenario (see other_syncthing.sh), shorter run; its own scenario name.
# Usage: wan80_other_syncthing_quic_v6.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_syncthing.sh" --name wan80_other_syncthing_quic_v6 --variant quic --v6 --port 22100 \
  --wan rtt=80,jitter=5,loss=0.002,rate=10 --format sll2 --duration 50 "$@"

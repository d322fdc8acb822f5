#!/usr/bin/env bash
# other_ptp_v6p2p.sh -- other_ptp_linuxptp.sh over IPv6 multicast with the peer-to-peer delay
# mechanism, Sync 8/s, domain 24; capture -i any on the grandmaster (Linux cooked v2).
# quick: yes
# lab round: udp-other
# software: linuxptp (ptp4l)
# Usage: other_ptp_v6p2p.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_ptp_linuxptp.sh" --variant v6p2p --name other_ptp_v6p2p "$@"

#!/usr/bin/env bash
# other_iperf3_alt.sh -- other_iperf3.sh with the iperf3 servers on 6881/6882 (BitTorrent's ports),
# IPv6 tests, capture -i any (Linux cooked v2).
# quick: yes
# software: iperf3
# Usage: other_iperf3_alt.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_iperf3.sh" --variant alt --name other_iperf3_alt "$@"

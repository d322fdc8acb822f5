#!/usr/bin/env bash
# other_minetest_alt.sh -- other_minetest.sh with the server on UDP 5000, the second player over IPv6,
# capture pcapng (dumpcap) on the server.
# quick: yes
# lab round: other-udp3
# software: minetest-server (minetestserver, minetest_game), minetest (client) under xvfb-run
# Usage: other_minetest_alt.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_minetest.sh" --variant alt --name other_minetest_alt "$@"

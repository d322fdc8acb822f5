#!/usr/bin/env bash
# wan70_other_minetest.sh -- other_minetest.sh with p1 behind the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: other_minetest
# wan: rtt=70,jitter=5,loss=0.005,rate=10,up=4
# lab round: other-udp3
# software: minetest-server (minetestserver, minetest_game), minetest (client) under xvfb-run
# Capture on p1's eth0.
# Usage: wan70_other_minetest.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_minetest.sh" --wan "rtt=70,jitter=5,loss=0.005,rate=10,up=4" --name wan70_other_minetest "$@"

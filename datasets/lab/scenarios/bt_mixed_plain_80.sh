#!/usr/bin/env bash
# BitTorrent: mixed transmission/aria2 swarm of 7, encryption NOT required (transmission speaks
# plain; aria2 still opens MSE first: "mixed"), the transmission peers listen on port 80 (looks
# like HTTP by port; aria2 refuses ports < 1024 and gets random ones), tracker on 6969: HTTP
# (ignore) for one torrent, UDP for the other; DHT + uTP + LPD + PEX, 50 Mbit/s; peer 5 churns.
# Captures: peer 3 with "-i any" (Linux cooked SLL2) and peer 6 (aria2, pcap).
source "$(dirname "$0")/lib_bt.sh"
SCEN=bt_mixed_plain_80 SUBNET=13 CLIENTS="t a t a t a t" SEEDERS="1 2" SIZES="3 1.5" TRACKER=both \
TPORT=6969 UPORT=6969 PORTS=80 ENC=no RATE=50 DHT=yes LPD=yes UTP=yes CAPTURES="3:any 6:pcap" \
DURATION=50 QUICK_DURATION=25 RESTART="5" STAGGER=1.5
bt_swarm_scenario "$@"

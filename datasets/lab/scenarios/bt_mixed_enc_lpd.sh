#!/usr/bin/env bash
# BitTorrent: trackerless swarm (no tracker at all): peers find each other by Local Peer
# Discovery (multicast 239.192.152.143:6771) and DHT bootstrapped inside the lab; mixed
# aria2/transmission, MSE/PE required, random ports, slow 5 Mbit/s links.
# Captures: peer 2 as pcapng (dumpcap), peer 5 (pcap).
source "$(dirname "$0")/lib_bt.sh"
SCEN=bt_mixed_enc_lpd SUBNET=14 CLIENTS="a t t a t a" SEEDERS="1 3" SIZES="1.5 1" TRACKER=none \
PORTS=rand ENC=yes RATE=5 DHT=yes LPD=yes UTP=yes CAPTURES="2:pcapng 5:pcap" \
DURATION=60 QUICK_DURATION=25 STAGGER=2
bt_swarm_scenario "$@"

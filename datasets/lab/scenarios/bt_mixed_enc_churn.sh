#!/usr/bin/env bash
# BitTorrent: large mixed swarm of 8 (4 aria2, 4 transmission), MSE/PE required, random ports,
# UDP tracker on port 53 (looks like DNS by port) for one torrent and HTTP on 8080 for the
# other two, DHT + uTP + PEX, 15 Mbit/s, three peers churn.  Captures: peers 1 (seed) and 8.
source "$(dirname "$0")/lib_bt.sh"
SCEN=bt_mixed_enc_churn SUBNET=18 CLIENTS="a t a t a t a t" SEEDERS="1 2" SIZES="1 1.5 0.5" TRACKER=both \
TPORT=8080 UPORT=53 PORTS=rand ENC=yes RATE=15 DHT=yes LPD=no UTP=yes CAPTURES="1:pcap 8:pcap" \
DURATION=60 QUICK_DURATION=25 RESTART="3 6 7" STAGGER=1
bt_swarm_scenario "$@"

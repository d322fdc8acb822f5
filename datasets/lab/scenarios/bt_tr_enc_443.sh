#!/usr/bin/env bash
# lab: quick
# BitTorrent: transmission-only swarm, MSE/PE required, every peer listens on 443 (looks like
# HTTPS by port), HTTP tracker on 80 (labelled ignore), DHT + uTP + PEX, 30 Mbit/s links.
source "$(dirname "$0")/lib_bt.sh"
SCEN=bt_tr_enc_443 SUBNET=11 CLIENTS="t t t t t" SEEDERS="1" SIZES="6 2" TRACKER=http TPORT=80 UPORT=- \
PORTS=443 ENC=yes RATE=30 DHT=yes LPD=no UTP=yes CAPTURES="2:pcap 5:pcap" DURATION=50 QUICK_DURATION=20
bt_swarm_scenario "$@"

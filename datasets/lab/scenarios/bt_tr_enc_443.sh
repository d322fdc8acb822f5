#!/usr/bin/env bash
# BitTorrent: transmission-only swarm of 6, MSE/PE required, every peer listens on 443 (looks
# like HTTPS by port), HTTP tracker on 80 (announces labelled ignore), DHT + uTP + PEX,
# 30 Mbit/s links, 3 torrents.  Captures on two leechers.
source "$(dirname "$0")/lib_bt.sh"
SCEN=bt_tr_enc_443 SUBNET=11 CLIENTS="t t t t t t" SEEDERS="1" SIZES="2 1 0.5" TRACKER=http TPORT=80 UPORT=- \
PORTS=443 ENC=yes RATE=30 DHT=yes LPD=no UTP=yes CAPTURES="2:pcap 5:pcap" DURATION=60 QUICK_DURATION=20
bt_swarm_scenario "$@"

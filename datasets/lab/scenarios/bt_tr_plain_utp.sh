#!/usr/bin/env bash
# BitTorrent: transmission-only swarm of 8 preferring uTP (UDP peer wire), NO encryption,
# UDP tracker on 6969, DHT + LPD + PEX, 8 Mbit/s, 4 small torrents; peers 4 and 7 churn.
# Captures on peers 2, 5, 8.
source "$(dirname "$0")/lib_bt.sh"
SCEN=bt_tr_plain_utp SUBNET=19 CLIENTS="t t t t t t t t" SEEDERS="1" SIZES="1 0.5 0.5 0.25" TRACKER=udp \
TPORT=- UPORT=6969 PORTS=rand ENC=no RATE=8 DHT=yes LPD=yes UTP=yes CAPTURES="2:pcap 5:pcap 8:pcap" \
DURATION=60 QUICK_DURATION=25 RESTART="4 7" STAGGER=1
bt_swarm_scenario "$@"

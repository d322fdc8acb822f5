#!/usr/bin/env bash
# BitTorrent over IPv6: trackerless torrents, peers find each other through DHT over IPv6
# (transmission dht6 bootstrapped from a lab peer, aria2 --enable-dht6 --dht-entry-point6) and
# PEX; transmission + aria2, MSE/PE required, random ports, uTP on, 20 Mbit/s.
# (IPv4 is configured too, as on a dual-stack LAN.)  Captures: peers 3 and 4.
source "$(dirname "$0")/lib_bt.sh"
SCEN=bt_v6_dht SUBNET=15 V6NET=2001:db8:77:15: CLIENTS="t t t a t a" SEEDERS="1" SIZES="2 1" TRACKER=none V6=yes \
PORTS=rand ENC=yes RATE=20 DHT=yes LPD=no UTP=yes CAPTURES="3:pcap 4:pcap" \
DURATION=70 QUICK_DURATION=30 STAGGER=2
bt_swarm_scenario "$@"

#!/usr/bin/env bash
# BitTorrent: transmission-only swarm of 4 over TCP only (uTP off), NO encryption, one 16 MiB
# torrent, random ports, HTTP tracker on a random port (ignore), DHT on, fast 100 Mbit/s links.
# Long bulk peer-wire flows.  Capture: the last leecher.
source "$(dirname "$0")/lib_bt.sh"
SCEN=bt_tr_plain_big SUBNET=16 CLIENTS="t t t t" SEEDERS="1" SIZES="16" TRACKER=http TPORT=8000 UPORT=- \
PORTS=rand ENC=no RATE=100 DHT=yes LPD=no UTP=no CAPTURES="4:pcap" DURATION=40 QUICK_DURATION=20 STAGGER=1
bt_swarm_scenario "$@"

#!/usr/bin/env bash
# lab: quick
# BitTorrent: aria2-only swarm of 6, MSE/PE required (arc4), random listen ports, UDP tracker
# (opentracker, random port) + DHT bootstrapped inside the lab, PEX; 4 small torrents;
# 10 Mbit/s links; two peers leave and rejoin half-way (churn).  Captures on the seeder (pcap)
# and on a leecher (nanosecond-resolution pcap).
source "$(dirname "$0")/lib_bt.sh"
SCEN=bt_aria2_enc_udptrk SUBNET=12 CLIENTS="a a a a a a" SEEDERS="1" SIZES="1 0.5 0.5 0.25" TRACKER=udp \
TPORT=- UPORT=2710 PORTS=rand ENC=yes RATE=10 DHT=yes LPD=no UTP=no \
CAPTURES="1:pcap 4:ns" DURATION=40 QUICK_DURATION=24 RESTART="4 5" STAGGER=1
bt_swarm_scenario "$@"

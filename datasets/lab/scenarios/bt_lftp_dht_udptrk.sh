#!/usr/bin/env bash
# BitTorrent: lftp's own BitTorrent client (C++, part of lftp) in a swarm with transmission and
# qbittorrent-nox, plaintext (lftp has no MSE/PE; the others are set to plaintext), random
# ports, UDP tracker on 6969 for both torrents, DHT (lftp runs it on its peer port, bootstrapped
# from p1) + PEX; lftp has no uTP (the others use uTP among themselves).
# Captures: lftp seeder p2 (pcap, nanosecond time stamps) and lftp leecher p4 (pcap).
# software: lftp, transmission-daemon, qbittorrent-nox, opentracker (Debian)
# quick: 25 s swarm
source "$(dirname "$0")/lib_bt.sh"
SCEN=bt_lftp_dht_udptrk SUBNET=24 CLIENTS="t f q f t t" SEEDERS="1 2" SIZES="1.5 1 0.5" TRACKER=udp TPORT=- \
UPORT=6969 PORTS=rand ENC=no RATE=20 DHT=yes LPD=no UTP=yes CAPTURES="2:ns 4:pcap" DURATION=60 QUICK_DURATION=25
bt_swarm_scenario "$@"

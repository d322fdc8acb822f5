#!/usr/bin/env bash
# BitTorrent: lftp's own BitTorrent client (C++) with transmission and aria2, every peer on the
# classic port 6881 (aria2's DHT on 6882), five small torrents, UDP tracker on port 80 (lftp's
# HTTP announces are refused by opentracker, see lib_bt.sh), DHT + PEX.  lftp has no MSE/PE: its
# side is plaintext; aria2 opens MSE and falls back to plaintext (truth "mixed").  The lftp
# leecher p3 leaves half-way and rejoins.  Captures: lftp seeder p2 and lftp p3 (pcap).
# software: lftp, transmission-daemon, aria2, opentracker (Debian)
# quick: 25 s swarm
source "$(dirname "$0")/lib_bt.sh"
SCEN=bt_lftp_plain_many_6881 SUBNET=29 CLIENTS="t f f a t a t" SEEDERS="1 2" SIZES="0.5 0.5 0.25 0.25 0.25" \
TRACKER=udp TPORT=- UPORT=80 PORTS=6881 ENC=no RATE=20 DHT=yes LPD=no UTP=yes CAPTURES="2:pcap 3:pcap" \
RESTART="3" DURATION=60 QUICK_DURATION=25 STAGGER=1
bt_swarm_scenario "$@"

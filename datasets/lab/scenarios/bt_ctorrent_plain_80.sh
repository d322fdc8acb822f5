#!/usr/bin/env bash
# BitTorrent: Enhanced CTorrent (C++, its own code base; one process per torrent) in a swarm with
# transmission and aria2.  CTorrent speaks only plaintext peer wire over TCP and HTTP tracker
# announces: no MSE/PE, no DHT, no UDP tracker, no uTP (the other peers run DHT + uTP among
# themselves).  Peers on port 80 (ctorrent: 80, 81, 82, one per torrent; aria2: random high
# port), HTTP tracker on 6969 (ignore).  aria2 opens its connections with MSE/PE and falls back
# to plaintext, so the swarm is "mixed"; ctorrent's own connections are all plaintext.
# Captures: ctorrent seeder p2 (pcapng, dumpcap) and ctorrent leecher p4 (pcap).
# software: ctorrent, transmission-daemon, aria2, opentracker (Debian)
# quick: 25 s swarm
source "$(dirname "$0")/lib_bt.sh"
SCEN=bt_ctorrent_plain_80 SUBNET=23 CLIENTS="t c a c t t" SEEDERS="1 2" SIZES="1.5 1 0.5" TRACKER=http TPORT=6969 \
UPORT=- PORTS=80 ENC=no RATE=20 DHT=yes LPD=no UTP=yes CAPTURES="2:pcapng 4:pcap" DURATION=60 QUICK_DURATION=25
bt_swarm_scenario "$@"

#!/usr/bin/env bash
# BitTorrent: rtorrent (libtorrent by rakshasa, C++) with transmission and qbittorrent-nox,
# plaintext (rtorrent "none", transmission prefers plaintext, qbittorrent encryption off),
# random ports, UDP tracker on 1337 for every torrent, DHT (rtorrent on its port + 1) + PEX;
# the rtorrent leecher p5 leaves half-way and rejoins 5 s later (same port, resumes from its
# session directory).  Captures: rtorrent seeder p3 (pcap) and the churning rtorrent p5 (pcap).
# software: rtorrent, transmission-daemon, qbittorrent-nox, opentracker (Debian)
# quick: 25 s swarm
source "$(dirname "$0")/lib_bt.sh"
SCEN=bt_rtorrent_plain_churn SUBNET=25 CLIENTS="t q r t r t" SEEDERS="1 3" SIZES="1 1 0.5" TRACKER=udp TPORT=- \
UPORT=1337 PORTS=rand ENC=no RATE=20 DHT=yes LPD=no UTP=yes CAPTURES="3:pcap 5:pcap" RESTART="5" DURATION=60 \
QUICK_DURATION=25
bt_swarm_scenario "$@"

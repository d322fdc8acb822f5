#!/usr/bin/env bash
# BitTorrent: WebTorrent 1.x (JavaScript, apps/bt_node/wt_peer.js) with transmission, aria2 and
# qbittorrent-nox, encryption on: the others require MSE/PE (RC4); webtorrent ("secure") opens
# its outgoing TCP connections with MSE/PE, but its outgoing uTP connections and TCP retries with
# a plain handshake (the others refuse those), and it has no "require" mode: truth "mixed".  Random ports, UDP tracker on 6969 for every torrent, DHT (webtorrent: its
# port + 1) + uTP + PEX.  Captures: webtorrent seeder p2 (pcap) and leecher p4 (pcapng, dumpcap).
# software: webtorrent (npm), transmission-daemon, aria2, qbittorrent-nox, opentracker (Debian)
# quick: 25 s swarm
source "$(dirname "$0")/lib_bt.sh"
SCEN=bt_webtorrent_enc_udptrk SUBNET=26 CLIENTS="t w a w t q" SEEDERS="1 2" SIZES="1 1 0.5" TRACKER=udp TPORT=- \
UPORT=6969 PORTS=rand ENC=yes RATE=20 DHT=yes LPD=no UTP=yes CAPTURES="2:pcap 4:pcapng" DURATION=60 \
QUICK_DURATION=25
bt_swarm_scenario "$@"

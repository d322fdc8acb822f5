#!/usr/bin/env bash
# other_srt_pull.sh -- other_srt_live.sh with the roles swapped: encoders listen on UDP 4200 with
# AES-256 (passphrase), the ingest calls them to pull the stream, two encoders over IPv6; pcapng
# capture (dumpcap) on the ingest.
# quick: yes
# lab round: udp-other
# software: srt-tools (srt-live-transmit)
# Usage: other_srt_pull.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_srt_live.sh" --variant pull --name other_srt_pull "$@"

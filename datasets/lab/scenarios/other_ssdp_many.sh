#!/usr/bin/env bash
# other_ssdp_many.sh -- other_ssdp_minidlna.sh with four minidlnad servers and control points searching
# for device/service targets with rescans; pcapng capture (dumpcap) on a control point.
# quick: yes
# software: minidlna; gupnp-tools (gssdp-discover), curl
# Usage: other_ssdp_many.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_ssdp_minidlna.sh" --variant many --name other_ssdp_many "$@"

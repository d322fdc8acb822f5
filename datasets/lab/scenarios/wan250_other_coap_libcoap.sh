#!/usr/bin/env bash
# wan250_other_coap_libcoap.sh -- other_coap_libcoap.sh with sensor sens1 behind the lab's WAN link (a constrained uplink; lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: other_coap_libcoap
# wan: rtt=250,jitter=20,loss=0.02,rate=2
# software: libcoap3-bin (coap-server, coap-client)
# Capture on sens1's eth0; shorter run (60 s).
# Usage: wan250_other_coap_libcoap.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_coap_libcoap.sh" --wan "rtt=250,jitter=20,loss=0.02,rate=2" --name wan250_other_coap_libcoap --duration 60 "$@"

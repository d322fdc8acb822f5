#!/usr/bin/env bash
# other_sip_g711.sh -- other_sip_baresip.sh with G.711 audio from a WAV file (aufile), callees on SIP
# port 5080, pcapng capture on a callee.
# quick: yes
# software: baresip (g711, aufile)
# Usage: other_sip_g711.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_sip_baresip.sh" --variant g711 --name other_sip_g711 "$@"

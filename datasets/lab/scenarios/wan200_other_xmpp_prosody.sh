#!/usr/bin/env bash
# wan200_other_xmpp_prosody.sh -- other_xmpp_prosody.sh with the client behind the WAN link (rtt=200,jitter=10,loss=0.01,rate=5), over IPv6.
# base: other_xmpp_prosody
# software: prosody; python3-slixmpp
# Same workload as the base scenario (see other_xmpp_prosody.sh); its own scenario name.
# Usage: wan200_other_xmpp_prosody.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_xmpp_prosody.sh" --name wan200_other_xmpp_prosody --wan rtt=200,jitter=10,loss=0.01,rate=5 --v6 "$@"

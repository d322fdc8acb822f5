#!/usr/bin/env bash
# other_xmpp_prosody_tls.sh -- other_xmpp_prosody.sh with encryption required: STARTTLS on 5222 and direct TLS on 5223 (pcapng).
# base: other_xmpp_prosody
# software: prosody; python3-slixmpp
# Same workload as the base scenario (see other_xmpp_prosody.sh); its own scenario name.
# Usage: other_xmpp_prosody_tls.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_xmpp_prosody.sh" --name other_xmpp_prosody_tls --tls --format pcapng "$@"

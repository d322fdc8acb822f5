#!/usr/bin/env bash
# wan100_other_nats_tls_v6.sh -- other_nats.sh with TLS, over IPv6, the client behind the WAN link (rtt=100,jitter=6,loss=0.002,rate=10), pcapng.
# base: other_nats
# software: nats-server; nats-py (PyPI)
# Same workload as the base scenario (see other_nats.sh); its own scenario name.
# Usage: wan100_other_nats_tls_v6.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_nats.sh" --name wan100_other_nats_tls_v6 --tls --v6 --wan rtt=100,jitter=6,loss=0.002,rate=10 --format pcapng "$@"

#!/usr/bin/env bash
# wan100_other_managesieve_tls_v6.sh -- other_managesieve.sh with STARTTLS, over IPv6, on the old ManageSieve port 2000, the client behind the WAN link (rtt=100,jitter=6,loss=0.002,rate=10), pcapng.
# base: other_managesieve
# quick: yes
# software: dovecot-managesieved (dovecot-sieve, Pigeonhole); sieve-connect
# Same workload as the base scenario (see other_managesieve.sh); its own scenario name.
# Usage: wan100_other_managesieve_tls_v6.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_managesieve.sh" --name wan100_other_managesieve_tls_v6 --tls --v6 --port 2000 \
  --wan rtt=100,jitter=6,loss=0.002,rate=10 --format pcapng "$@"

#!/usr/bin/env bash
# wan100_other_gearman_perl_7003.sh -- other_gearman_perl.sh with the client behind the WAN link (rtt=100,jitter=8,loss=0.005,rate=8), the Perl job server on port 7003 (Gearman::Server's historical default), pcapng capture.
# base: other_gearman_perl
# software: gearman-server (Gearman::Server, Perl); libgearman-client-perl; netcat-openbsd
# lab round: impl-udp2
# Same workload as the base scenario (see other_gearman_perl.sh); its own scenario name.
# Usage: wan100_other_gearman_perl_7003.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_gearman_perl.sh" --name wan100_other_gearman_perl_7003 --wan rtt=100,jitter=8,loss=0.005,rate=8 --port 7003 --format pcapng "$@"

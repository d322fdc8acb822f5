#!/usr/bin/env bash
# wan150_other_gearman.sh -- other_gearman.sh with the client behind the WAN link (rtt=150,jitter=10,loss=0.003,rate=10).
# base: other_gearman
# software: gearman-job-server (gearmand); gearman-tools (gearman, gearadmin)
# Same workload as the base scenario (see other_gearman.sh); its own scenario name.
# Usage: wan150_other_gearman.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_gearman.sh" --name wan150_other_gearman --wan rtt=150,jitter=10,loss=0.003,rate=10 "$@"

#!/usr/bin/env bash
# other_gearman_v6_8080.sh -- other_gearman.sh over IPv6 with gearmand on port 8080 (pcapng).
# base: other_gearman
# software: gearman-job-server (gearmand); gearman-tools (gearman, gearadmin)
# Same workload as the base scenario (see other_gearman.sh), shorter run; its own scenario name.
# Usage: other_gearman_v6_8080.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_gearman.sh" --name other_gearman_v6_8080 --v6 --port 8080 --format pcapng --duration 30 "$@"

#!/usr/bin/env bash
# wan40_other_postgres.sh -- other_postgres.sh with the client behind the WAN link (rtt=40,jitter=3,loss=0.002,rate=30).
# base: other_postgres
# software: postgresql-15 (server, pgbench, psql), python3-psycopg2
# Same workload as the base scenario (see other_postgres.sh); its own scenario name.
# Usage: wan40_other_postgres.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_postgres.sh" --name wan40_other_postgres --wan rtt=40,jitter=3,loss=0.002,rate=30 "$@"

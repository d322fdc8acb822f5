#!/usr/bin/env bash
# other_postgres_tls.sh -- other_postgres.sh with TLS required (sslmode=require), over IPv6 (pcapng).
# base: other_postgres
# software: postgresql-15 (server, pgbench, psql), python3-psycopg2
# Same workload as the base scenario (see other_postgres.sh); its own scenario name.
# Usage: other_postgres_tls.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_postgres.sh" --name other_postgres_tls --tls --v6 --format pcapng "$@"

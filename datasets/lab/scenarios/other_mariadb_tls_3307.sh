#!/usr/bin/env bash
# other_mariadb_tls_3307.sh -- other_mariadb.sh with require_secure_transport (TLS) on port 3307, Linux cooked capture.
# base: other_mariadb
# software: mariadb-server (mariadbd), mariadb-client (mariadb, mariadb-slap), python3-pymysql
# Same workload as the base scenario (see other_mariadb.sh), shorter run; its own scenario name.
# Usage: other_mariadb_tls_3307.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_mariadb.sh" --name other_mariadb_tls_3307 --tls --port 3307 --format sll2 --duration 30 "$@"

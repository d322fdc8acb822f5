#!/usr/bin/env bash
# wan70_other_mariadb.sh -- other_mariadb.sh with the client behind the WAN link (rtt=70,jitter=5,loss=0.005,rate=10).
# base: other_mariadb
# software: mariadb-server (mariadbd), mariadb-client (mariadb, mariadb-slap), python3-pymysql
# Same workload as the base scenario (see other_mariadb.sh); its own scenario name.
# Usage: wan70_other_mariadb.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_mariadb.sh" --name wan70_other_mariadb --wan rtt=70,jitter=5,loss=0.005,rate=10 "$@"

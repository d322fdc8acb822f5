#!/usr/bin/env bash
# other_postgres.sh -- PostgreSQL clients: pgbench, psql and a psycopg2 web app, labelled other/postgresql.
# quick: yes
# software: postgresql-15 (server, pgbench, psql), python3-psycopg2
# Server srv 10.80.6.1 (fd80::6:1): a fresh PostgreSQL 15 cluster (initdb in a work dir, password
# auth scram-sha-256; --tls: ssl=on with the lab's throw-away certificates and hostssl-only rules,
# clients sslmode=require).  The client initialises pgbench's tables (scale 1) over the network, then
# for DURATION s: apps/other_pg_client.py (psycopg2: 4 users, sessions of point selects, reports,
# inserts, transfers and exports with think times), pgbench runs (2-6 clients, 10-25 s, rate-limited
# TPC-B-like or select-only, -C reconnect-per-transaction now and then) and psql scripts.
# Link 50 Mbit/s (or the WAN link).  Capture on srv.
# Usage: other_postgres.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
other_scenario other_postgres 6 "$@"
PORT=${PORT_ARG:-5432}; DUR=${DUR_ARG:-60}; USERS=4
[ "$QUICK" = 1 ] && { DUR=25; USERS=2; }
PGB=/usr/lib/postgresql/15/bin
other_hosts 50
D=$WORK/pg; mkdir -p "$D"; chown postgres: "$D"
echo labpass > "$WORK/pw"; chmod 644 "$WORK/pw"
runuser -u postgres -- "$PGB/initdb" -D "$D/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 >"$LOGS/initdb.log" 2>&1
HOSTKW=host; SSLOPT=(); ENC=no; SSLMODE=disable
if [ "$TLS" = 1 ]; then
  other_certs; cp "$WORK/certs/server.crt" "$WORK/certs/server.key" "$D/"; chown postgres: "$D/server."*; chmod 600 "$D/server.key"
  SSLOPT=(-c ssl=on -c ssl_cert_file="$D/server.crt" -c ssl_key_file="$D/server.key"); HOSTKW=hostssl; ENC=yes; SSLMODE=require
fi
printf '%s all all 10.80.0.0/16 scram-sha-256\n%s all all fd80::/16 scram-sha-256\n' "$HOSTKW" "$HOSTKW" >> "$D/data/pg_hba.conf"
lab_bg srv "$LOGS/server.log" runuser -u postgres -- "$PGB/postgres" -D "$D/data" -c listen_addresses='*' -p "$PORT" \
  -c unix_socket_directories="$D" -c max_connections=100 -c fsync=off "${SSLOPT[@]}" >/dev/null
other_wait_listen srv "$PORT"
lab_exec srv runuser -u postgres -- "$PGB/psql" -q -h "$D" -p "$PORT" -c "CREATE ROLE lab LOGIN PASSWORD 'labpass'" -c "CREATE DATABASE lab OWNER lab" >/dev/null
export PGPASSWORD=labpass PGSSLMODE=$SSLMODE
PGH=(-h "$SRV_ADDR" -p "$PORT" -U lab)
cap=$(other_capture_start)
lab_exec cli "$PGB/pgbench" "${PGH[@]}" -i -s 1 -q lab >"$LOGS/pgbench-init.log" 2>&1
lab_exec cli "$OTHER_PY" "$LAB_DIR/apps/other_pg_client.py" --dsn "host=$SRV_ADDR port=$PORT dbname=lab user=lab password=labpass sslmode=$SSLMODE" \
  --seed "$SEED" --users "$USERS" --duration "$DUR" 2>"$LOGS/client.log" &
cpid=$!
end=$((SECONDS + DUR)); n=0
while [ $SECONDS -lt $end ]; do
  n=$((n + 1))
  case $(other_rand "kind$n" 1 4) in
    1) lab_exec cli "$PGB/pgbench" "${PGH[@]}" -c "$(other_rand "c$n" 2 6)" -T "$(other_rand "t$n" 10 25)" \
         -R "$(other_rand "r$n" 5 40)" lab >>"$LOGS/pgbench.log" 2>&1 || true ;;
    2) lab_exec cli "$PGB/pgbench" "${PGH[@]}" -S -C -c 2 -t "$(other_rand "t$n" 10 60)" lab >>"$LOGS/pgbench.log" 2>&1 || true ;;
    *) lab_exec cli "$PGB/psql" "${PGH[@]}" -q lab >/dev/null 2>&1 <<SQL || true
SELECT count(*) FROM pgbench_accounts WHERE abalance <> 0;
SELECT * FROM pgbench_history ORDER BY mtime DESC LIMIT $(other_rand "l$n" 5 200);
SELECT bid, sum(bbalance) FROM pgbench_branches GROUP BY bid;
\\dt
SQL
    ;;
  esac
  sleep "$(other_rand "gap$n" 1 6)"
done
wait "$cpid" || true
lab_capture_stop "$cap"
other_truth "$ENC" postgresql "$(other_roles server=postgresql-15 client=postgresql-client-15 client=python3-psycopg2)" \
  "tcp,$SRV_ADDR,$PORT,other,postgresql"

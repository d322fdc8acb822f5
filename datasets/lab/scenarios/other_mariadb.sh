#!/usr/bin/env bash
# other_mariadb.sh -- MariaDB clients: a PyMySQL shop app, mysqlslap and the mariadb CLI, labelled other/mysql.
# quick: yes
# software: mariadb-server (mariadbd), mariadb-client (mariadb, mariadb-slap), python3-pymysql
# Server srv 10.80.7.1 (fd80::7:1): a fresh MariaDB data directory (mariadb-install-db in a work
# dir) with a password user; --tls: require_secure_transport with the lab's throw-away certificates.
# Client cli: apps/other_mysql_client.py fills a products table, then 4 users run sessions (look-ups,
# listings, order transactions, report joins, think times) for DURATION s, alongside mariadb-slap
# runs (auto-generated mixed SQL, 2-8 connections) and mariadb CLI scripts.  Link 50 Mbit/s (or the
# WAN link).  Capture on srv.
# Usage: other_mariadb.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
other_scenario other_mariadb 7 "$@"
PORT=${PORT_ARG:-3306}; DUR=${DUR_ARG:-60}; USERS=4
[ "$QUICK" = 1 ] && { DUR=25; USERS=2; }
other_hosts 50
D=$WORK/db; mkdir -p "$D"; chown mysql: "$D"
mariadb-install-db --no-defaults --datadir="$D/data" --user=mysql --auth-root-authentication-method=socket >"$LOGS/install-db.log" 2>&1
TLSOPT=(); ENC=no; CLITLS=(); PYTLS=()
if [ "$TLS" = 1 ]; then
  other_certs
  TLSOPT=(--ssl-cert="$WORK/certs/server.crt" --ssl-key="$WORK/certs/server.key" --ssl-ca="$WORK/certs/ca.crt" --require-secure-transport=ON)
  ENC=yes; CLITLS=(--ssl --ssl-ca="$WORK/certs/ca.crt"); PYTLS=(--tls "$WORK/certs/ca.crt")
fi
lab_bg srv "$LOGS/server.log" mariadbd --no-defaults --datadir="$D/data" --user=mysql --port="$PORT" --bind-address='*' \
  --socket="$D/sock" --pid-file="$D/pid" --skip-name-resolve --innodb-flush-log-at-trx-commit=0 "${TLSOPT[@]}" >/dev/null
other_wait_listen srv "$PORT"
lab_exec srv mariadb --no-defaults -S "$D/sock" -u root -e \
  "CREATE DATABASE shop; CREATE USER 'lab'@'%' IDENTIFIED BY 'labpass'; GRANT ALL ON *.* TO 'lab'@'%';"
MY=(--no-defaults -h "$SRV_ADDR" -P "$PORT" -u lab -plabpass "${CLITLS[@]}")
cap=$(other_capture_start)
lab_exec cli "$OTHER_PY" "$LAB_DIR/apps/other_mysql_client.py" --host "$SRV_ADDR" --port "$PORT" --seed "$SEED" --populate "${PYTLS[@]}" 2>"$LOGS/populate.log"
lab_exec cli "$OTHER_PY" "$LAB_DIR/apps/other_mysql_client.py" --host "$SRV_ADDR" --port "$PORT" --seed "$SEED" \
  --users "$USERS" --duration "$DUR" "${PYTLS[@]}" 2>"$LOGS/client.log" &
cpid=$!
end=$((SECONDS + DUR)); n=0
while [ $SECONDS -lt $end ]; do
  n=$((n + 1))
  case $(other_rand "kind$n" 1 3) in
    1) lab_exec cli mariadb-slap "${MY[@]}" --auto-generate-sql --auto-generate-sql-load-type=mixed \
         --concurrency="$(other_rand "c$n" 2 8)" --number-of-queries="$(other_rand "q$n" 50 400)" --iterations=1 \
         --create-schema="slap$n" >>"$LOGS/slap.log" 2>&1 || true ;;
    *) lab_exec cli mariadb "${MY[@]}" shop >/dev/null 2>&1 <<SQL || true
SELECT COUNT(*) FROM products WHERE stock < $(other_rand "s$n" 5 50);
SELECT * FROM orders ORDER BY id DESC LIMIT $(other_rand "l$n" 5 100);
SHOW TABLE STATUS;
SQL
    ;;
  esac
  sleep "$(other_rand "gap$n" 1 6)"
done
wait "$cpid" || true
lab_capture_stop "$cap"
other_truth "$ENC" mariadb "$(other_roles server=mariadb-server client=mariadb-client client=python3-pymysql)" \
  "tcp,$SRV_ADDR,$PORT,other,mysql"

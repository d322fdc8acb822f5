#!/usr/bin/env bash
# other_redis.sh -- Redis clients and benchmarks, labelled other/redis.
# quick: yes
# software: redis-server; redis-tools (redis-benchmark, redis-cli), python3-redis
# Server srv 10.80.2.1 (fd80::2:1): redis-server (no persistence; with --tls only a TLS port, the
# lab's throw-away certificates).  Client cli: apps/other_redis_client.py (redis-py: cache look-ups,
# job queue with BRPOP, pipelined bulk loads, pub/sub) with 4 users, alongside short
# redis-benchmark runs (2-8 connections, 200-800 requests of 2-3 commands, 64 B - 1 kB values, some
# pipelined) and
# redis-cli one-shot commands, for DURATION s.  Link 50 Mbit/s (or the WAN link).  Capture on srv.
# Usage: other_redis.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
other_scenario other_redis 2 "$@"
PORT=${PORT_ARG:-6379}; DUR=${DUR_ARG:-60}; USERS=4
[ "$QUICK" = 1 ] && { DUR=20; USERS=2; }
other_hosts 50
if [ "$TLS" = 1 ]; then
  other_certs
  lab_bg srv "$LOGS/server.log" redis-server --port 0 --tls-port "$PORT" --bind "$SRV" "$SRV6" --protected-mode no \
    --save '' --appendonly no --tls-cert-file "$WORK/certs/server.crt" --tls-key-file "$WORK/certs/server.key" \
    --tls-ca-cert-file "$WORK/certs/ca.crt" --tls-auth-clients no >/dev/null
  TLSCLI=(--tls --cacert "$WORK/certs/ca.crt"); PYTLS=(--tls "$WORK/certs/ca.crt"); ENC=yes
else
  lab_bg srv "$LOGS/server.log" redis-server --port "$PORT" --bind "$SRV" "$SRV6" --protected-mode no \
    --save '' --appendonly no >/dev/null
  TLSCLI=(); PYTLS=(); ENC=no
fi
other_wait_listen srv "$PORT"
cap=$(other_capture_start)
lab_exec cli "$OTHER_PY" "$LAB_DIR/apps/other_redis_client.py" --host "$SRV_ADDR" --port "$PORT" --seed "$SEED" \
  --users "$USERS" --duration "$DUR" "${PYTLS[@]}" 2>"$LOGS/client.log" &
cpid=$!
end=$((SECONDS + DUR)); n=0
while [ $SECONDS -lt $end ]; do
  n=$((n + 1))
  if [ "$(other_rand "kind$n" 1 4)" = 1 ]; then
    lab_exec cli redis-benchmark -h "$SRV_ADDR" -p "$PORT" "${TLSCLI[@]}" -q -c "$(other_rand "c$n" 2 8)" \
      -n "$(other_rand "n$n" 200 800)" -d "$(other_rand "d$n" 64 1024)" -P "$(other_rand "p$n" 1 8)" \
      -t "$(echo set,get incr,lpush,lpop hset,mset get,set | cut -d' ' -f"$(other_rand "t$n" 1 4)")" >>"$LOGS/bench.log" 2>&1 || true
  else
    for c in "SET user:$n {\"name\":\"u$n\"}" "GET user:$n" "INFO memory" "DBSIZE" "KEYS page:1*" "TTL page:7"; do
      # shellcheck disable=SC2086
      lab_exec cli redis-cli -h "$SRV_ADDR" -p "$PORT" "${TLSCLI[@]}" $c >/dev/null 2>&1 || true
      sleep 0.$(other_rand "cli$n$c" 1 9)
    done
  fi
  sleep "$(other_rand "gap$n" 2 8)"
done
wait "$cpid" || true
lab_capture_stop "$cap"
other_truth "$ENC" redis "$(other_roles server=redis-server client=redis-tools client=python3-redis)" \
  "tcp,$SRV_ADDR,$PORT,other,redis"

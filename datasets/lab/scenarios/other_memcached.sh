#!/usr/bin/env bash
# other_memcached.sh -- memcached caches under application clients and memcslap load, labelled other/memcached.
# quick: yes
# software: memcached; libmemcached-tools (memcslap, memccat/memccp/memcstat), python3-pymemcache
# Server srv 10.80.3.1 (fd80::3:1): memcached (64 MB, TCP only).  Client cli:
# apps/other_memcache_client.py (pymemcache, text protocol: read-through cache, multi-gets, CAS
# sessions, counters) with 4 users for DURATION s, and every few seconds a memcslap run (2-8
# connections, a few hundred operations; --variant binary: memcslap's binary protocol) or a
# libmemcached tool (memccp, memccat, memcstat).  Link 50 Mbit/s (or the WAN link).  Capture on srv.
# Usage: other_memcached.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
other_scenario other_memcached 3 "$@"
PORT=${PORT_ARG:-11211}; DUR=${DUR_ARG:-60}; USERS=4
[ "$QUICK" = 1 ] && { DUR=20; USERS=2; }
other_hosts 50
lab_bg srv "$LOGS/server.log" memcached -u nobody -m 64 -p "$PORT" -U 0 -l "$SRV,[$SRV6]" -c 1024 >/dev/null
other_wait_listen srv "$PORT"
BIN=(); [ "$VARIANT" = binary ] && BIN=(--binary)
SERVERS="$SRV_ADDR:$PORT"; [ "$V6" = 1 ] && SERVERS="[$SRV_ADDR]:$PORT"
for s in 3000 40000 200000; do head -c $s /dev/urandom > "$WORK/blob$s"; done
cap=$(other_capture_start)
lab_exec cli "$OTHER_PY" "$LAB_DIR/apps/other_memcache_client.py" --host "$SRV_ADDR" --port "$PORT" --seed "$SEED" \
  --users "$USERS" --duration "$DUR" 2>"$LOGS/client.log" &
cpid=$!
end=$((SECONDS + DUR)); n=0
while [ $SECONDS -lt $end ]; do
  n=$((n + 1))
  case $(other_rand "kind$n" 1 4) in
    1|2) lab_exec cli memcslap --servers="$SERVERS" "${BIN[@]}" --concurrency="$(other_rand "c$n" 2 8)" \
           --execute-number="$(other_rand "n$n" 100 600)" >>"$LOGS/slap.log" 2>&1 || true ;;
    3) f=$(ls "$WORK" | grep blob | sed -n "$(other_rand "f$n" 1 3)p")
       lab_exec cli memccp --servers="$SERVERS" "${BIN[@]}" "$WORK/$f" >/dev/null 2>&1 || true
       sleep 1; lab_exec cli memccat --servers="$SERVERS" "${BIN[@]}" "$f" >/dev/null 2>&1 || true ;;
    4) lab_exec cli memcstat --servers="$SERVERS" "${BIN[@]}" >/dev/null 2>&1 || true ;;
  esac
  sleep "$(other_rand "gap$n" 2 7)"
done
wait "$cpid" || true
lab_capture_stop "$cap"
other_truth no memcached "$(other_roles server=memcached client=libmemcached-tools client=python3-pymemcache)" \
  "tcp,$SRV_ADDR,$PORT,other,memcached"

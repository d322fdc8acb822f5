#!/usr/bin/env bash
# other_redis_tls_6881.sh -- other_redis.sh with redis-server's TLS port on 6881 (pcapng).
# base: other_redis
# software: redis-server; redis-tools (redis-benchmark, redis-cli), python3-redis
# Same workload as the base scenario (see other_redis.sh), shorter run; its own scenario name.
# Usage: other_redis_tls_6881.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_redis.sh" --name other_redis_tls_6881 --tls --port 6881 --format pcapng --duration 40 "$@"

#!/usr/bin/env bash
# wan60_other_redis.sh -- other_redis.sh with the client behind the WAN link (rtt=60,jitter=4,loss=0.002,rate=20).
# base: other_redis
# software: redis-server; redis-tools (redis-benchmark, redis-cli), python3-redis
# Same workload as the base scenario (see other_redis.sh); its own scenario name.
# Usage: wan60_other_redis.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_redis.sh" --name wan60_other_redis --wan rtt=60,jitter=4,loss=0.002,rate=20 "$@"

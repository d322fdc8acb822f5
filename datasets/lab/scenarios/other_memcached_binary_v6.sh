#!/usr/bin/env bash
# other_memcached_binary_v6.sh -- other_memcached.sh with memcslap and the libmemcached tools on the binary protocol, over IPv6, Linux cooked capture.
# base: other_memcached
# software: memcached; libmemcached-tools (memcslap, memccat/memccp/memcstat), python3-pymemcache
# Same workload as the base scenario (see other_memcached.sh), shorter run; its own scenario name.
# Usage: other_memcached_binary_v6.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_memcached.sh" --name other_memcached_binary_v6 --variant binary --v6 --format sll2 --duration 30 "$@"

#!/usr/bin/env bash
# other_nats_tls_443.sh -- other_nats.sh with TLS on port 443 (SLL2).
# base: other_nats
# software: nats-server; nats-py (PyPI)
# Same workload as the base scenario (see other_nats.sh), shorter run; its own scenario name.
# Usage: other_nats_tls_443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_nats.sh" --name other_nats_tls_443 --tls --port 443 --format sll2 --duration 30 "$@"

#!/usr/bin/env bash
# other_zeromq_curve_v6_6881.sh -- other_zeromq.sh with CurveZMQ encryption over IPv6 on ports 6881-6882 (pcapng).
# base: other_zeromq
# software: python3-zmq (pyzmq, libzmq5)
# Same workload as the base scenario (see other_zeromq.sh), shorter run; its own scenario name.
# Usage: other_zeromq_curve_v6_6881.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_zeromq.sh" --name other_zeromq_curve_v6_6881 --tls --v6 --port 6881 --format pcapng --duration 30 "$@"

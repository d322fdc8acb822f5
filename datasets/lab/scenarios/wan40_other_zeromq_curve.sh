#!/usr/bin/env bash
# wan40_other_zeromq_curve.sh -- other_zeromq.sh with CurveZMQ encryption, the client behind the WAN link (rtt=40,jitter=3,loss=0.001,rate=20).
# base: other_zeromq
# software: python3-zmq (pyzmq, libzmq5)
# Same workload as the base scenario (see other_zeromq.sh); its own scenario name.
# Usage: wan40_other_zeromq_curve.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_zeromq.sh" --name wan40_other_zeromq_curve --tls --wan rtt=40,jitter=3,loss=0.001,rate=20 "$@"

#!/usr/bin/env bash
# wan100_grpc_python_tls_v6_443.sh -- grpc_python_tls_v6_443.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: grpc_python_tls_v6_443
# wan: rtt=100,jitter=6,loss=0.005,rate=6
# software: apps/grpc_lab.py server (grpcio, TLS); apps/grpc_lab.py client (grpcio)
# The captured client sits behind a router namespace imposing rtt=100,jitter=6,loss=0.005,rate=6 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (60 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan100_grpc_python_tls_v6_443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/grpc_python_tls_v6_443.sh" --wan "rtt=100,jitter=6,loss=0.005,rate=6" --name wan100_grpc_python_tls_v6_443 --duration 60 "$@"

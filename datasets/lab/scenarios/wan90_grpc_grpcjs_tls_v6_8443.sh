#!/usr/bin/env bash
# wan90_grpc_grpcjs_tls_v6_8443.sh -- grpc_grpcjs_tls_v6_8443.sh through the lab's WAN link (lib/netns.sh: lab_wan_host, apps/wan_link.py).
# base: grpc_grpcjs_tls_v6_8443
# wan: rtt=90,jitter=6,loss=0.005,rate=8
# software: apps/grpc_node/grpc_lab.js server (@grpc/grpc-js); grpc_lab.js client (grpc-js), apps/grpc_lab.py client (grpcio)
# The captured client sits behind a router namespace imposing rtt=90,jitter=6,loss=0.005,rate=8 (RTT in ms, jitter in ms each
# way, loss share each way, rate Mbit/s; see lab_wan_args); same applications, encryption and ports
# as the base scenario, shorter run (75 s).  Capture on the client's own eth0, snaplen 128.
# Usage: wan90_grpc_grpcjs_tls_v6_8443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/grpc_grpcjs_tls_v6_8443.sh" --wan "rtt=90,jitter=6,loss=0.005,rate=8" --name wan90_grpc_grpcjs_tls_v6_8443 --duration 75 "$@"

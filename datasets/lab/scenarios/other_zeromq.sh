#!/usr/bin/env bash
# other_zeromq.sh -- ZeroMQ request/reply and publish/subscribe (pyzmq on libzmq), labelled other/zeromq.
# quick: yes
# software: python3-zmq (pyzmq, libzmq5)
# Server srv 10.80.46.1 (fd80::46:1): apps/other_zmq_node.py server (a ROUTER answering requests
# on PORT, a PUB socket publishing ticks on PORT+1; with --tls CurveZMQ encryption).  Client cli:
# apps/other_zmq_node.py client (REQ and DEALER request sessions, SUB sessions; a new TCP
# connection per session) with USERS users for DURATION s.  Link 50 Mbit/s (or the WAN link).
# Capture on srv.
# Usage: other_zeromq.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
other_scenario other_zeromq 46 "$@"
PORT=${PORT_ARG:-5555}; DUR=${DUR_ARG:-45}; USERS=6
[ "$QUICK" = 1 ] && { DUR=15; USERS=2; }
other_hosts 50
CURVE=(); ENC=no
[ "$TLS" = 1 ] && { CURVE=(--curve "$WORK"); ENC=yes; }
lab_bg srv "$LOGS/server.log" "$OTHER_PY" "$OTHER_APPS/other_zmq_node.py" server --host "$SRV_ADDR" --port "$PORT" \
  --seed "$SEED" --duration $((DUR + 30)) "${CURVE[@]}" >/dev/null
other_wait_listen srv "$PORT"
cap=$(other_capture_start)
lab_exec cli "$OTHER_PY" "$OTHER_APPS/other_zmq_node.py" client --host "$SRV_ADDR" --port "$PORT" --seed "$SEED" \
  --users "$USERS" --duration "$DUR" "${CURVE[@]}" 2>"$LOGS/client.log"
lab_capture_stop "$cap"
other_truth "$ENC" pyzmq "$(other_roles server=python3-zmq client=python3-zmq)" \
  "tcp,$SRV_ADDR,$PORT,other,zeromq" "tcp,$SRV_ADDR,$((PORT + 1)),other,zeromq"

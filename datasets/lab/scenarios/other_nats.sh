#!/usr/bin/env bash
# other_nats.sh -- NATS publish/subscribe and request/reply against nats-server, labelled other/nats.
# quick: yes
# software: nats-server; nats-py (PyPI)
# Server srv 10.80.45.1 (fd80::45:1): nats-server (with --tls: TLS required, the lab's throw-away
# certificates; NATS sends its INFO line in the clear, then upgrades).  Client cli:
# apps/other_nats_client.py (nats-py: pub/sub sessions, request/reply services, publish bursts)
# with USERS users for DURATION s.  Link 50 Mbit/s (or the WAN link).  Capture on srv.
# Usage: other_nats.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
other_scenario other_nats 45 "$@"
PORT=${PORT_ARG:-4222}; DUR=${DUR_ARG:-45}; USERS=6
[ "$QUICK" = 1 ] && { DUR=15; USERS=2; }
other_hosts 50
TLSARGS=(); PYTLS=(); ENC=no
if [ "$TLS" = 1 ]; then
  other_certs
  TLSARGS=(--tls --tlscert "$WORK/certs/server.crt" --tlskey "$WORK/certs/server.key"); PYTLS=(--tls "$WORK/certs/ca.crt"); ENC=yes
fi
lab_bg srv "$LOGS/server.log" nats-server -a "$SRV_ADDR" -p "$PORT" "${TLSARGS[@]}" >/dev/null
other_wait_listen srv "$PORT"
HB=$SRV_ADDR; [ "$V6" = 1 ] && HB="[$SRV_ADDR]"
cap=$(other_capture_start)
lab_exec cli "$OTHER_PY" "$OTHER_APPS/other_nats_client.py" --server "nats://$HB:$PORT" --seed "$SEED" \
  --users "$USERS" --duration "$DUR" "${PYTLS[@]}" 2>"$LOGS/client.log"
lab_capture_stop "$cap"
NV=$("$OTHER_PY" -c 'from importlib.metadata import version; print(version("nats-py"))')
other_truth "$ENC" nats-server "$(other_roles server=nats-server "client=nats-py@$NV")" "tcp,$SRV_ADDR,$PORT,other,nats"

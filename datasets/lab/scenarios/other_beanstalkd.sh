#!/usr/bin/env bash
# other_beanstalkd.sh -- job queue producers and workers against beanstalkd, labelled other/beanstalk.
# quick: yes
# software: beanstalkd; greenstalk (PyPI)
# Server srv 10.80.43.1 (fd80::43:1): beanstalkd (in memory).  Client cli:
# apps/other_beanstalk_client.py (greenstalk: producers putting jobs into 4 tubes, workers reserving
# and deleting/releasing/burying them, a monitor reading stats) with USERS users for DURATION s.
# Link 50 Mbit/s (or the WAN link).  Capture on srv.
# Usage: other_beanstalkd.sh --out DIR --seed N [--quick] [lib_other_tcp.sh variant options]
HERE=$(cd "$(dirname "$0")" && pwd); LAB_DIR=$(dirname "$HERE")
source "$LAB_DIR/lib/netns.sh"; source "$HERE/lib_other_tcp.sh"
other_scenario other_beanstalkd 43 "$@"
PORT=${PORT_ARG:-11300}; DUR=${DUR_ARG:-45}; USERS=7
[ "$QUICK" = 1 ] && { DUR=15; USERS=2; }
other_hosts 50
lab_bg srv "$LOGS/server.log" beanstalkd -l "$SRV_ADDR" -p "$PORT" >/dev/null
other_wait_listen srv "$PORT"
cap=$(other_capture_start)
lab_exec cli "$OTHER_PY" "$OTHER_APPS/other_beanstalk_client.py" --host "$SRV_ADDR" --port "$PORT" --seed "$SEED" \
  --users "$USERS" --duration "$DUR" 2>"$LOGS/client.log"
lab_capture_stop "$cap"
GV=$("$OTHER_PY" -c 'from importlib.metadata import version; print(version("greenstalk"))')
other_truth no beanstalkd "$(other_roles server=beanstalkd "client=greenstalk@$GV")" "tcp,$SRV_ADDR,$PORT,other,beanstalk"

#!/usr/bin/env bash
# wan40_other_vnc_tigervnc.sh -- other_vnc_tigervnc.sh with the client behind the WAN link (rtt=40,jitter=3,loss=0.002,rate=20).
# base: other_vnc_tigervnc
# software: tigervnc-standalone-server (Xvnc) or, with --variant x11vnc, x11vnc on Xvfb; x11-apps, xterm; vncdotool (PyPI)
# Same workload as the base scenario (see other_vnc_tigervnc.sh); its own scenario name.
# Usage: wan40_other_vnc_tigervnc.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_vnc_tigervnc.sh" --name wan40_other_vnc_tigervnc --wan rtt=40,jitter=3,loss=0.002,rate=20 --duration 60 "$@"

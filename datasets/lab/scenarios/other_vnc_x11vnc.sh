#!/usr/bin/env bash
# other_vnc_x11vnc.sh -- other_vnc_tigervnc.sh with x11vnc on Xvfb as the VNC server, on 5900 (pcapng).
# base: other_vnc_tigervnc
# software: tigervnc-standalone-server (Xvnc) or, with --variant x11vnc, x11vnc on Xvfb; x11-apps, xterm; vncdotool (PyPI)
# Same workload as the base scenario (see other_vnc_tigervnc.sh); its own scenario name.
# Usage: other_vnc_x11vnc.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_vnc_tigervnc.sh" --name other_vnc_x11vnc --variant x11vnc --port 5900 --format pcapng "$@"

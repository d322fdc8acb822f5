#!/usr/bin/env bash
# other_rsync_daemon_8730.sh -- other_rsync_daemon.sh with the daemon on port 8730, captured with -i any (SLL2).
# base: other_rsync_daemon
# software: rsync (rsync --daemon, rsync client)
# Same workload as the base scenario (see other_rsync_daemon.sh), shorter run; its own scenario name.
# Usage: other_rsync_daemon_8730.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_rsync_daemon.sh" --name other_rsync_daemon_8730 --port 8730 --format sll2 --duration 30 "$@"

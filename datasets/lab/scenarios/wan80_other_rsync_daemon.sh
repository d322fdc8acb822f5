#!/usr/bin/env bash
# wan80_other_rsync_daemon.sh -- other_rsync_daemon.sh over IPv6 with the client behind the WAN link (rtt=80,jitter=5,loss=0.003,rate=10), pcapng.
# base: other_rsync_daemon
# software: rsync (rsync --daemon, rsync client)
# Same workload as the base scenario (see other_rsync_daemon.sh); its own scenario name.
# Usage: wan80_other_rsync_daemon.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_rsync_daemon.sh" --name wan80_other_rsync_daemon --wan rtt=80,jitter=5,loss=0.003,rate=10 --v6 --format pcapng "$@"

#!/usr/bin/env bash
# wan120_other_git_daemon.sh -- other_git_daemon.sh with the client behind the WAN link (rtt=120,jitter=6,loss=0.005,rate=8), over IPv6, Linux cooked capture.
# base: other_git_daemon
# software: git (git daemon, git clone/fetch/pull/push/ls-remote)
# Same workload as the base scenario (see other_git_daemon.sh); its own scenario name.
# Usage: wan120_other_git_daemon.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_git_daemon.sh" --name wan120_other_git_daemon --wan rtt=120,jitter=6,loss=0.005,rate=8 --v6 --format sll2 "$@"

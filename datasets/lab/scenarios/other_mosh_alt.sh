#!/usr/bin/env bash
# other_mosh_alt.sh -- other_mosh.sh with three users reaching mosh-server over IPv6, server ports
# 7000-7099, capture -i any on the server (Linux cooked v2).
# quick: yes
# lab round: udp-other
# software: mosh (mosh-server, mosh-client); apps/other_mosh_user.py (python3-pexpect)
# Usage: other_mosh_alt.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_mosh.sh" --variant alt --name other_mosh_alt "$@"

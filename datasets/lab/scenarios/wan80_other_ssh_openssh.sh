#!/usr/bin/env bash
# wan80_other_ssh_openssh.sh -- other_ssh_openssh.sh with the client behind the WAN link (rtt=80,jitter=5,loss=0.005,rate=10), Linux cooked capture.
# base: other_ssh_openssh
# software: openssh-server (or dropbear with --variant dropbear); openssh-client ssh/scp/sftp, rsync, git, python3-paramiko, python3-asyncssh
# Same workload as the base scenario (see other_ssh_openssh.sh); its own scenario name.
# Usage: wan80_other_ssh_openssh.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_ssh_openssh.sh" --name wan80_other_ssh_openssh --wan rtt=80,jitter=5,loss=0.005,rate=10 --duration 60 --format sll2 "$@"

#!/usr/bin/env bash
# other_ssh_dropbear_443.sh -- other_ssh_openssh.sh with dropbear as the SSH server, on port 443 (pcapng).
# base: other_ssh_openssh
# software: openssh-server (or dropbear with --variant dropbear); openssh-client ssh/scp/sftp, rsync, git, python3-paramiko, python3-asyncssh
# Same workload as the base scenario (see other_ssh_openssh.sh); its own scenario name.
# Usage: other_ssh_dropbear_443.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_ssh_openssh.sh" --name other_ssh_dropbear_443 --variant dropbear --port 443 --format pcapng "$@"

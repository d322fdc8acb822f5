#!/usr/bin/env bash
# wan100_other_ftp_vsftpd.sh -- other_ftp_vsftpd.sh with the client behind the WAN link (rtt=100,jitter=5,loss=0.005,rate=10).
# base: other_ftp_vsftpd
# software: vsftpd (or python3-pyftpdlib with --variant pyftpdlib); lftp, curl, Python ftplib
# Same workload as the base scenario (see other_ftp_vsftpd.sh); its own scenario name.
# Usage: wan100_other_ftp_vsftpd.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_ftp_vsftpd.sh" --name wan100_other_ftp_vsftpd --wan rtt=100,jitter=5,loss=0.005,rate=10 "$@"

#!/usr/bin/env bash
# other_ftp_vsftpd_tls.sh -- other_ftp_vsftpd.sh with explicit FTPS (AUTH TLS, PROT P) (pcapng).
# base: other_ftp_vsftpd
# software: vsftpd (or python3-pyftpdlib with --variant pyftpdlib); lftp, curl, Python ftplib
# Same workload as the base scenario (see other_ftp_vsftpd.sh); its own scenario name.
# Usage: other_ftp_vsftpd_tls.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_ftp_vsftpd.sh" --name other_ftp_vsftpd_tls --tls --format pcapng "$@"

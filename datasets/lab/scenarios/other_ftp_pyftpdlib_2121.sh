#!/usr/bin/env bash
# other_ftp_pyftpdlib_2121.sh -- other_ftp_vsftpd.sh with pyftpdlib as the FTP server, on port 2121, over IPv6.
# base: other_ftp_vsftpd
# software: vsftpd (or python3-pyftpdlib with --variant pyftpdlib); lftp, curl, Python ftplib
# Same workload as the base scenario (see other_ftp_vsftpd.sh); its own scenario name.
# Usage: other_ftp_pyftpdlib_2121.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_ftp_vsftpd.sh" --name other_ftp_pyftpdlib_2121 --variant pyftpdlib --port 2121 --v6 "$@"

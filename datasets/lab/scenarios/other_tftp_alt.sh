#!/usr/bin/env bash
# other_tftp_alt.sh -- other_tftp_hpa.sh with the TFTP server on port 6969, capture -i any (Linux cooked v2).
# quick: yes
# software: tftpd-hpa; tftp-hpa, atftp, curl
# Usage: other_tftp_alt.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_tftp_hpa.sh" --variant alt --name other_tftp_alt "$@"

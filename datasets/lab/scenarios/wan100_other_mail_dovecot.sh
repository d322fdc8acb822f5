#!/usr/bin/env bash
# wan100_other_mail_dovecot.sh -- other_mail_dovecot.sh with the client behind the WAN link (rtt=100,jitter=8,loss=0.005,rate=8), Linux cooked capture.
# base: other_mail_dovecot
# software: dovecot-imapd, dovecot-pop3d; Python imaplib/poplib, curl (imap://, pop3://), fetchmail
# Same workload as the base scenario (see other_mail_dovecot.sh); its own scenario name.
# Usage: wan100_other_mail_dovecot.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_mail_dovecot.sh" --name wan100_other_mail_dovecot --wan rtt=100,jitter=8,loss=0.005,rate=8 --format sll2 "$@"

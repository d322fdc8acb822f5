#!/usr/bin/env bash
# other_mail_dovecot_tls.sh -- other_mail_dovecot.sh with IMAPS/POP3S and STARTTLS/STLS (pcapng).
# base: other_mail_dovecot
# software: dovecot-imapd, dovecot-pop3d; Python imaplib/poplib, curl (imap://, pop3://), fetchmail
# Same workload as the base scenario (see other_mail_dovecot.sh); its own scenario name.
# Usage: other_mail_dovecot_tls.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_mail_dovecot.sh" --name other_mail_dovecot_tls --tls --format pcapng "$@"

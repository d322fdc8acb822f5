#!/usr/bin/env bash
# other_smtp_postfix_tls.sh -- other_smtp_postfix.sh with submission with STARTTLS on 587 and implicit TLS on 465 (pcapng).
# base: other_smtp_postfix
# software: postfix (or python3-aiosmtpd with --variant aiosmtpd); swaks, Python smtplib
# Same workload as the base scenario (see other_smtp_postfix.sh); its own scenario name.
# Usage: other_smtp_postfix_tls.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_smtp_postfix.sh" --name other_smtp_postfix_tls --tls --format pcapng "$@"

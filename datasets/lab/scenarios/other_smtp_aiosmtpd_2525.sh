#!/usr/bin/env bash
# other_smtp_aiosmtpd_2525.sh -- other_smtp_postfix.sh with aiosmtpd as the SMTP server, on port 2525, over IPv6.
# base: other_smtp_postfix
# software: postfix (or python3-aiosmtpd with --variant aiosmtpd); swaks, Python smtplib
# Same workload as the base scenario (see other_smtp_postfix.sh); its own scenario name.
# Usage: other_smtp_aiosmtpd_2525.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_smtp_postfix.sh" --name other_smtp_aiosmtpd_2525 --variant aiosmtpd --port 2525 --v6 "$@"

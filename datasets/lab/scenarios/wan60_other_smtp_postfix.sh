#!/usr/bin/env bash
# wan60_other_smtp_postfix.sh -- other_smtp_postfix.sh with the client behind the WAN link (rtt=60,jitter=4,loss=0.005,rate=10).
# base: other_smtp_postfix
# software: postfix (or python3-aiosmtpd with --variant aiosmtpd); swaks, Python smtplib
# Same workload as the base scenario (see other_smtp_postfix.sh); its own scenario name.
# Usage: wan60_other_smtp_postfix.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_smtp_postfix.sh" --name wan60_other_smtp_postfix --wan rtt=60,jitter=4,loss=0.005,rate=10 "$@"

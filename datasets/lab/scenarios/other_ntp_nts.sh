#!/usr/bin/env bash
# other_ntp_nts.sh -- other_ntp_chrony.sh with Network Time Security: NTS-KE over TLS on 4460, then
# NTP with NTS extension fields; pcapng capture.
# quick: yes
# software: chrony (NTS server and clients, chronyd -Q)
# Usage: other_ntp_nts.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_ntp_chrony.sh" --variant nts --name other_ntp_nts "$@"

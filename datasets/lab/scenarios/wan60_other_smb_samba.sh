#!/usr/bin/env bash
# wan60_other_smb_samba.sh -- other_smb_samba.sh with the client behind the WAN link (rtt=60,jitter=4,loss=0.005,rate=10), over IPv6.
# base: other_smb_samba
# software: samba (smbd); smbclient
# Same workload as the base scenario (see other_smb_samba.sh); its own scenario name.
# Usage: wan60_other_smb_samba.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_smb_samba.sh" --name wan60_other_smb_samba --wan rtt=60,jitter=4,loss=0.005,rate=10 --v6 "$@"

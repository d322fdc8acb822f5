#!/usr/bin/env bash
# other_smb_samba_encrypt.sh -- other_smb_samba.sh with SMB3 encryption required (pcapng).
# base: other_smb_samba
# software: samba (smbd); smbclient
# Same workload as the base scenario (see other_smb_samba.sh); its own scenario name.
# Usage: other_smb_samba_encrypt.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_smb_samba.sh" --name other_smb_samba_encrypt --tls --format pcapng "$@"

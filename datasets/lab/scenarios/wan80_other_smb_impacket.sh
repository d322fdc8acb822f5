#!/usr/bin/env bash
# wan80_other_smb_impacket.sh -- other_smb_impacket.sh with the client behind the WAN link (rtt=80,jitter=6,loss=0.005,rate=8), captured as pcapng.
# base: other_smb_impacket
# software: impacket (SimpleSMBServer, SMBConnection; PyPI, own venv); smbclient
# Same workload as the base scenario (see other_smb_impacket.sh); its own scenario name.
# Usage: wan80_other_smb_impacket.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_smb_impacket.sh" --name wan80_other_smb_impacket --wan rtt=80,jitter=6,loss=0.005,rate=8 --format pcapng "$@"

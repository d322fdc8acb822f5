#!/usr/bin/env python3
"""impacket's SMB server (SimpleSMBServer, SMB2 on) for the lab's impacket SMB scenarios: a
read-only share "pub" and a writable share "drop", no credentials configured (impacket then
accepts every NTLM login, guests and anonymous ones included).  Runs in the impacket venv
(install.sh: /opt/flowclass-lab/impacket-venv).

    other_smb_impacket_server.py --address A --port P --pub DIR --drop DIR [--log FILE]
"""
import argparse

from impacket import smbserver, version


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--address", default="0.0.0.0")
    ap.add_argument("--port", type=int, default=445)
    ap.add_argument("--pub", required=True)
    ap.add_argument("--drop", required=True)
    ap.add_argument("--log")
    a = ap.parse_args()
    print("impacket", version.version, flush=True)
    srv = smbserver.SimpleSMBServer(listenAddress=a.address, listenPort=a.port)
    srv.addShare("PUB", a.pub, "lab files", readOnly="yes")
    srv.addShare("DROP", a.drop, "uploads", readOnly="no")
    srv.setSMB2Support(True)
    srv.setSMBChallenge("")
    if a.log:
        srv.setLogFile(a.log)
    srv.start()


if __name__ == "__main__":
    main()

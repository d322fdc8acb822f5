#!/usr/bin/env python3
"""A NAS on pyrad's client (pyrad.client.Client): login sessions -- an Access-Request (PAP, or CHAP
with a fresh challenge), then for accepted users Accounting Start, 0-2 Interim-Updates and Stop --
for SECONDS, each session a new Client (a new UDP socket).

    other_radius_pyrad_client.py SERVER AUTHPORT ACCTPORT SECRET SALT SECONDS NAS_ID USER:PASSWORD... DICTIONARY... (after --)"""
import hashlib
import os
import random
import sys
import time

from pyrad import dictionary, packet
from pyrad.client import Client, Timeout

srv, authport, acctport, secret, salt, secs, nas = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5], float(sys.argv[6]), sys.argv[7]
rest = sys.argv[8:]
cut = rest.index("--")
creds = [c.split(":", 1) for c in rest[:cut]]
d = dictionary.Dictionary(*rest[cut + 1:])
r = random.Random(salt)
end = time.monotonic() + secs
k = 0
while time.monotonic() < end:
    k += 1
    user, pw = r.choice(creds)
    if r.random() < 0.12:
        pw = "wrong-" + pw
    c = Client(server=srv, authport=authport, acctport=acctport, secret=secret.encode(), dict=d)
    c.timeout, c.retries = 2, 2
    req = c.CreateAuthPacket(code=packet.AccessRequest, User_Name=user, NAS_Identifier=nas, NAS_Port=k,
                             NAS_Port_Type=r.choice(["Virtual", "Ethernet", "Wireless-802.11"]),
                             Calling_Station_Id="02-00-5e-%02x-%02x-%02x" % (r.randrange(256), r.randrange(256), r.randrange(256)),
                             Called_Station_Id="%s:lab" % nas)
    if r.random() < 0.4:
        chal = os.urandom(16)
        ident = bytes([r.randrange(256)])
        req["CHAP-Password"] = ident + hashlib.md5(ident + pw.encode() + chal).digest()
        req["CHAP-Challenge"] = chal
    else:
        req["User-Password"] = req.PwCrypt(pw)
    try:
        reply = c.SendPacket(req)
    except Timeout:
        print("auth timeout", user, file=sys.stderr)
        continue
    if reply.code == packet.AccessAccept:
        sid = "%s-%08X" % (nas, r.getrandbits(32))
        ip = reply["Framed-IP-Address"][0] if "Framed-IP-Address" in reply else "0.0.0.0"
        statuses = ["Start"] + ["Interim-Update"] * r.randint(0, 2) + ["Stop"]
        for i, st in enumerate(statuses):
            a = c.CreateAcctPacket(User_Name=user, NAS_Identifier=nas, NAS_Port=k, Acct_Status_Type=st,
                                   Acct_Session_Id=sid, Framed_IP_Address=ip, Acct_Session_Time=i * r.randint(1, 600),
                                   Acct_Input_Octets=r.randrange(10 ** 8), Acct_Output_Octets=r.randrange(10 ** 9),
                                   Acct_Input_Packets=r.randrange(10 ** 5), Acct_Output_Packets=r.randrange(10 ** 6))
            if st == "Stop":
                a["Acct-Terminate-Cause"] = r.choice(["User-Request", "Idle-Timeout", "Lost-Carrier"])
            try:
                c.SendPacket(a)
            except Timeout:
                print("acct timeout", sid, file=sys.stderr)
            time.sleep(r.choice([0.1, 0.3, 0.6, 1.0]))
    time.sleep(r.choice([0.2, 0.5, 1, 2, 3]))

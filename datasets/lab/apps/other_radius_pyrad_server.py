#!/usr/bin/env python3
"""A RADIUS server on pyrad (pyrad.server.Server): authentication (PAP and CHAP against a users
file) and accounting (a session table, one line per record on stdout).

    other_radius_pyrad_server.py ADDRESS AUTHPORT ACCTPORT SECRET USERS_FILE DICTIONARY...

USERS_FILE: "user password" lines.  Every client (the 0.0.0.0 host entry) shares SECRET.  Accepts
carry Service-Type, Framed-IP-Address, Session-Timeout, Acct-Interim-Interval, Class and a
Reply-Message; rejects a Reply-Message."""
import sys

from pyrad import dictionary, packet, server

addr, authport, acctport, secret, users_file = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
users = dict(line.split(None, 1) for line in open(users_file).read().splitlines() if line.strip())
users = {u: p.strip() for u, p in users.items()}
sessions = {}


class LabServer(server.Server):
    def HandleAuthPacket(self, pkt):
        user = pkt["User-Name"][0] if "User-Name" in pkt else ""
        ok = False
        if user in users:
            if "User-Password" in pkt:
                ok = pkt.PwDecrypt(pkt["User-Password"][0]) == users[user]
            elif "CHAP-Password" in pkt:
                ok = pkt.VerifyChapPasswd(users[user])
        if ok:
            n = sum(map(ord, user)) % 250 + 1
            reply = self.CreateReplyPacket(pkt, **{"Service-Type": "Framed-User", "Framed-IP-Address": "172.20.%d.%d" % (n % 200, n),
                                                   "Session-Timeout": 3600, "Acct-Interim-Interval": 300,
                                                   "Class": ("lab-%s" % user).encode(), "Reply-Message": "Welcome %s" % user})
        else:
            reply = self.CreateReplyPacket(pkt, **{"Reply-Message": "Authentication failed"})
            reply.code = packet.AccessReject
        print("auth %s %s from %s" % (user, "accept" if ok else "reject", pkt.source[0]), flush=True)
        self.SendReplyPacket(pkt.fd, reply)

    def HandleAcctPacket(self, pkt):
        sid = pkt["Acct-Session-Id"][0] if "Acct-Session-Id" in pkt else "-"
        st = pkt["Acct-Status-Type"][0] if "Acct-Status-Type" in pkt else "-"
        if st == "Stop":
            sessions.pop(sid, None)
        else:
            sessions[sid] = st
        print("acct %s %s %s open=%d" % (sid, st, pkt.source[0], len(sessions)), flush=True)
        self.SendReplyPacket(pkt.fd, self.CreateReplyPacket(pkt))


srv = LabServer(authport=authport, acctport=acctport, dict=dictionary.Dictionary(*sys.argv[6:]),
                hosts={"0.0.0.0": server.RemoteHost("0.0.0.0", secret.encode(), "lab-nas", authport, acctport)})
srv.BindToAddress(addr)
srv.Run()

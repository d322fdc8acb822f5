#!/usr/bin/env python3
"""An SNMP poller on pysnmp (hlapi, asyncio): a monitoring collector's rounds of GET of a few
scalars, now and then a GETBULK walk of a table, for SECONDS; one SNMP engine (one UDP socket) is
kept for 2-8 rounds and then replaced (a collector job ending), so a poller makes several flows.

    other_snmp_pysnmp_mgr.py HOST PORT SALT SECONDS v2c COMMUNITY [WALK_OID...]
    other_snmp_pysnmp_mgr.py HOST PORT SALT SECONDS v3 USER AUTHKEY PRIVKEY CONTEXT [WALK_OID...]

HOST may be an IPv6 address (Udp6TransportTarget).  Authentication SHA, privacy AES-128."""
import asyncio
import random
import sys

from pysnmp.hlapi.asyncio import (CommunityData, ContextData, ObjectIdentity, ObjectType, SnmpEngine,
                                  Udp6TransportTarget, UdpTransportTarget, UsmUserData, bulkWalkCmd, getCmd,
                                  usmAesCfb128Protocol, usmHMACSHAAuthProtocol)

host, port, salt, secs, ver = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4]), sys.argv[5]
if ver == "v2c":
    auth, ctx, walks = CommunityData(sys.argv[6], mpModel=1), ContextData(), sys.argv[7:]
else:
    auth = UsmUserData(sys.argv[6], sys.argv[7], sys.argv[8], authProtocol=usmHMACSHAAuthProtocol,
                       privProtocol=usmAesCfb128Protocol)
    ctx, walks = ContextData(contextName=sys.argv[9]), sys.argv[10:]
r = random.Random(salt)
SCALARS = ["1.3.6.1.2.1.1.1.0", "1.3.6.1.2.1.1.3.0", "1.3.6.1.2.1.1.5.0", "1.3.6.1.2.1.1.6.0",
           "1.3.6.1.2.1.2.1.0", "1.3.6.1.2.1.1.2.0", "1.3.6.1.2.1.4.3.0", "1.3.6.1.2.1.6.9.0"]


async def main():
    loop = asyncio.get_running_loop()
    end = loop.time() + secs
    tcls = Udp6TransportTarget if ":" in host else UdpTransportTarget
    target = tcls((host, port), timeout=2, retries=1)
    while loop.time() < end:
        engine = SnmpEngine()
        for _ in range(r.randint(2, 8)):
            if loop.time() >= end:
                break
            oids = r.sample(SCALARS, r.randint(1, 4))
            err, status, _i, _vb = await getCmd(engine, auth, target, ctx, *[ObjectType(ObjectIdentity(o)) for o in oids])
            if err or status:
                print("get:", err or status.prettyPrint(), file=sys.stderr)
            if walks and r.random() < 0.3:
                base = r.choice(walks)
                n = 0
                async for err, status, _i, vbs in bulkWalkCmd(engine, auth, target, ctx, 0, r.choice([10, 20, 25]),
                                                              ObjectType(ObjectIdentity(base)),
                                                              lexicographicMode=False):
                    if err or status:
                        break
                    n += len(vbs)
                    if n > 400:
                        break
            await asyncio.sleep(r.choice([0.5, 1, 1.5, 2, 3]))
        engine.transportDispatcher.closeDispatcher()
        await asyncio.sleep(r.choice([0.2, 1, 2]))


asyncio.run(main())

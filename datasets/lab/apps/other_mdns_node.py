#!/usr/bin/env python3
"""A host on a LAN that speaks multicast DNS through python-zeroconf, for a bounded time.

    other_mdns_node.py --name NAME --addr IP[,IP6] --duration S --seed N
                       [--publish N] [--browse TYPE,...] [--ipv6]

Publishes --publish services (printers, file shares, media renderers, SSH, ...) under NAME with
the host's addresses, browses the given service types (PTR queries, then SRV/TXT/A lookups of
every instance it hears of, as a file manager or a print dialog does), now and then re-browses
from scratch, and at the end unregisters (goodbye packets).  Prints a count line on stderr.
"""
import argparse
import random
import socket
import sys
import time

from zeroconf import IPVersion, ServiceBrowser, ServiceInfo, ServiceStateChange, Zeroconf

TYPES = ["_http._tcp.local.", "_ipp._tcp.local.", "_printer._tcp.local.", "_smb._tcp.local.",
         "_ssh._tcp.local.", "_sftp-ssh._tcp.local.", "_raop._tcp.local.", "_airplay._tcp.local.",
         "_googlecast._tcp.local.", "_spotify-connect._tcp.local.", "_workstation._tcp.local.",
         "_device-info._tcp.local.", "_hap._tcp.local.", "_companion-link._tcp.local."]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--name", required=True)
    ap.add_argument("--addr", required=True)
    ap.add_argument("--duration", type=float, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--publish", type=int, default=2)
    ap.add_argument("--browse", default="")
    ap.add_argument("--ipv6", action="store_true", help="IPv4 and IPv6 (default IPv4 only)")
    a = ap.parse_args()
    rnd = random.Random(f"{a.seed}/{a.name}")
    addrs = a.addr.split(",")
    packed = [socket.inet_pton(socket.AF_INET6 if ":" in x else socket.AF_INET, x) for x in addrs]
    zc = Zeroconf(ip_version=IPVersion.All if a.ipv6 else IPVersion.V4Only, interfaces=addrs)
    infos = []
    for i, t in enumerate(rnd.sample(TYPES, a.publish)):
        info = ServiceInfo(t, f"{a.name} {i}.{t}", addresses=packed, port=rnd.randint(1024, 60000),
                           properties={"model": f"lab-{rnd.randint(1, 99)}", "txtvers": "1",
                                       "id": f"{rnd.getrandbits(48):012x}"},
                           server=f"{a.name}.local.")
        zc.register_service(info)
        infos.append(info)
    seen = set()

    def on_change(zeroconf, service_type, name, state_change):
        if state_change is ServiceStateChange.Added:
            seen.add(name)
            zeroconf.get_service_info(service_type, name, timeout=1500)

    end = time.time() + a.duration
    types = [t for t in a.browse.split(",") if t]
    while time.time() < end:
        browsers = [ServiceBrowser(zc, t, handlers=[on_change]) for t in rnd.sample(types, min(len(types), 4))]
        time.sleep(min(rnd.uniform(8, 25), max(0.0, end - time.time())))
        for b in browsers:
            b.cancel()
    for info in infos:
        zc.unregister_service(info)
    zc.close()
    print(f"other_mdns_node {a.name}: published {len(infos)}, saw {len(seen)} instances", file=sys.stderr)


if __name__ == "__main__":
    main()

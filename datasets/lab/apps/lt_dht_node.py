#!/usr/bin/python3
"""Run one or more real libtorrent (python3-libtorrent, libtorrent-rasterbar 2.0) sessions --
DHT nodes and BitTorrent peers -- inside the current network namespace, for the lab's DHT
swarm scenarios (scenarios/bt_dht_swarm*.sh).

    /usr/bin/python3 lt_dht_node.py --node IP:PORT [--node IP:PORT ...] [options]

Every --node is its own lt.session bound to IP:PORT (or a dual-stack list
"IP:PORT,[IPV6]:PORT": one DHT node per address family) (TCP + UDP: the UDP socket carries DHT,
uTP and UDP-tracker traffic, as in any libtorrent client), DHT on, bootstrapped only from
--bootstrap (lab nodes; libtorrent's default public router is replaced), with the limits that
keep a private-address DHT from working switched off (one node per /24, "dark internet").
Nothing here builds a packet: libtorrent does all the talking.

Options:
  --bootstrap IP:PORT,...   DHT bootstrap nodes (lab addresses)
  --torrent FILE            a real torrent every session joins (repeatable); seeds when
                            --data holds the content, else downloads it
  --data DIR                save path (per session a subdirectory NAME-i unless --shared-data)
  --shared-data             all sessions of this process use DIR itself (seeders)
  --lookup HEX              an info-hash to look up and announce on the DHT (repeatable):
                            a torrent nobody seeds, added as a magnet link (get_peers +
                            announce_peer every --announce s), as a searching client does
  --lookups-per-node N      each session takes N of the --lookup hashes (round robin,
                            starting at --index-base)
  --tracker URL             tracker added to every --lookup magnet (e.g. udp://ip:port)
  --announce S              DHT (and LSD) re-announce interval, seconds (default 60)
  --lsd / --no-utp / --utp-only   local service discovery on; uTP off; outgoing TCP off
  --restart-every S         every S seconds close every session and start it again on
                            its port + --port-shift (a restarted client on a new port, as
                            after a NAT rebinding); a new session, so a new DHT node id
  --duration S              run this long, then close the sessions (graceful: stopped
                            announces), default 120
  --name NAME               log prefix
"""
import argparse
import os
import random
import sys
import time
import warnings

import libtorrent as lt


def log(name, msg):
    print(f"[{time.strftime('%H:%M:%S')}] {name}: {msg}", flush=True)


def shift_ports(bind, shift):
    """'IP:PORT[,[V6]:PORT...]' -> the same with every port + shift."""
    out = []
    for b in bind.split(","):
        ip, port = b.rsplit(":", 1)
        out.append(f"{ip}:{int(port) + shift}")
    return ",".join(out)


def make_session(bind, args):
    ips = [b.rsplit(":", 1)[0] for b in bind.split(",")]
    s = {
        "listen_interfaces": bind,
        # one IPv4 address: bind outgoing TCP to it too (several addresses share a namespace)
        "outgoing_interfaces": ips[0] if len(ips) == 1 and ":" not in ips[0] else "",
        "enable_dht": True,
        "enable_lsd": bool(args.lsd),
        "enable_upnp": False,
        "enable_natpmp": False,
        "enable_incoming_utp": not args.no_utp,
        "enable_outgoing_utp": not args.no_utp,
        "enable_outgoing_tcp": not args.utp_only,
        "dht_bootstrap_nodes": args.bootstrap or "",
        "dht_restrict_routing_ips": False,
        "dht_restrict_search_ips": False,
        "dht_ignore_dark_internet": False,
        "dht_prefer_verified_node_ids": False,
        "dht_announce_interval": args.announce,
        "local_service_announce_interval": max(30, args.announce),
        "allow_multiple_connections_per_ip": True,
        "aio_threads": 1,
        "hashing_threads": 1,
        "alert_mask": lt.alert.category_t.error_notification | lt.alert.category_t.status_notification,
        "user_agent": "flowclass-lab libtorrent/" + lt.__version__,
    }
    return lt.session(s)


def add_torrents(ses, args, idx, save):
    handles = []
    for t in args.torrent:
        atp = lt.add_torrent_params()
        atp.ti = lt.torrent_info(t)
        atp.save_path = save
        handles.append(ses.add_torrent(atp))
    mine = list(args.lookup)
    if args.lookup and args.lookups_per_node:
        k, n = args.lookups_per_node, len(args.lookup)
        mine = [args.lookup[(args.index_base + idx * k + j) % n] for j in range(min(k, n))]
    for h in mine:
        uri = f"magnet:?xt=urn:btih:{h}"
        if args.tracker:
            uri += "&tr=" + args.tracker
        atp = lt.parse_magnet_uri(uri)
        atp.save_path = save
        handles.append(ses.add_torrent(atp))
    return handles


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--node", action="append", required=True)
    ap.add_argument("--bootstrap", default="")
    ap.add_argument("--torrent", action="append", default=[])
    ap.add_argument("--data", default="/tmp/lt-data")
    ap.add_argument("--shared-data", action="store_true")
    ap.add_argument("--lookup", action="append", default=[])
    ap.add_argument("--lookups-per-node", type=int, default=0)
    ap.add_argument("--index-base", type=int, default=0, help="offset into the --lookup list")
    ap.add_argument("--tracker", default="")
    ap.add_argument("--announce", type=int, default=60)
    ap.add_argument("--lsd", action="store_true")
    ap.add_argument("--no-utp", action="store_true")
    ap.add_argument("--utp-only", action="store_true")
    ap.add_argument("--restart-every", type=float, default=0)
    ap.add_argument("--port-shift", type=int, default=1000)
    ap.add_argument("--duration", type=float, default=120)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--name", default="lt")
    args = ap.parse_args()
    random.seed(args.seed)
    warnings.filterwarnings("ignore", category=DeprecationWarning)   # session.status()

    def start(i, bind):
        save = args.data if args.shared_data else os.path.join(args.data, f"{args.name}-{i}")
        os.makedirs(save, exist_ok=True)
        ses = make_session(bind, args)
        hs = add_torrents(ses, args, i, save)
        log(args.name, f"session {i} on {bind}: {len(hs)} torrents")
        return ses, hs

    binds = list(args.node)
    sessions = []
    for i, b in enumerate(binds):
        sessions.append(start(i, b))
        time.sleep(0.2)
    t0 = time.time()
    next_restart = args.restart_every if args.restart_every > 0 else float("inf")
    last_report = 0
    try:
        while time.time() - t0 < args.duration:
            time.sleep(1)
            for ses, _ in sessions:
                for a in ses.pop_alerts():
                    if a.category() & lt.alert.category_t.error_notification:
                        log(args.name, f"alert: {a.message()}")
            now = time.time() - t0
            if now >= next_restart and args.duration - now > 10:
                next_restart += args.restart_every
                for ses, _ in sessions:
                    ses.pause()
                    del ses
                sessions = []
                time.sleep(2)
                for i, b in enumerate(binds):
                    binds[i] = shift_ports(b, args.port_shift)
                    sessions.append(start(i, binds[i]))
                    time.sleep(0.2)
            if now - last_report >= 30:
                last_report = now
                for i, (ses, hs) in enumerate(sessions):
                    st = ses.status()
                    done = sum(1 for h in hs if h.status().is_seeding)
                    peers = sum(h.status().num_peers for h in hs)
                    log(args.name, f"t={now:.0f}s session {i} {binds[i]}: dht_nodes={st.dht_nodes} "
                                   f"peers={peers} seeding={done}/{len(hs)}")
    finally:
        for ses, _ in sessions:
            ses.pause()
        time.sleep(1)
        log(args.name, "stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())

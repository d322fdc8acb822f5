#!/usr/bin/env python3
"""A person at a mosh terminal: starts mosh-server on the server host (what `mosh` does over its ssh
login), attaches mosh-client to it through a pseudo-terminal (pexpect) and types shell commands key
by key with human pauses, reads their output, and logs out.

    other_mosh_user.py SERVER_NETNS SERVER_ADDR PORT_RANGE SECONDS SEED

Run inside the client's network namespace; SERVER_NETNS is the server's namespace (mosh-server is
started there with `ip netns exec`, as the ssh login would start it on the server).
"""
import os
import random
import re
import subprocess
import sys
import time

import pexpect

COMMANDS = [
    "ls -la /usr/bin | head -40", "uptime", "df -h", "ps aux | head -25", "cat /etc/services | head -60",
    "free -m", "ip addr", "date", "seq 1 200 | paste - - - - - -", "ls /usr/share/doc | head -80",
    "echo editing notes", "history | tail -5", "uname -a", "wc -l /etc/services", "id",
]


def start_server(netns, addr, ports, env):
    out = subprocess.run(["ip", "netns", "exec", netns, "mosh-server", "new", "-s", "-i", addr, "-p", ports,
                          "--", "/bin/bash", "--norc", "--noprofile"],
                         capture_output=True, text=True, env=env, check=True).stdout
    m = re.search(r"MOSH CONNECT (\d+) (\S+)", out)
    if not m:
        raise SystemExit(f"mosh-server did not start: {out!r}")
    return m.group(1), m.group(2)


def main():
    netns, addr, ports, seconds, seed = sys.argv[1:6]
    r = random.Random(seed)
    env = dict(os.environ, LANG="C.UTF-8", TERM="xterm")
    port, key = start_server(netns, addr.strip("[]"), ports, env)
    child = pexpect.spawn("mosh-client", [addr.strip("[]"), port], env=dict(env, MOSH_KEY=key),
                          dimensions=(40, 120), encoding="utf-8", timeout=10)
    end = time.monotonic() + float(seconds)
    time.sleep(1.0)
    while time.monotonic() < end:
        for ch in r.choice(COMMANDS):
            child.send(ch)
            time.sleep(r.uniform(0.05, 0.35))
        child.send("\r")
        try:
            child.expect(pexpect.TIMEOUT, timeout=r.uniform(1.0, 5.0))
        except pexpect.EOF:
            return
    child.send("exit\r")
    child.expect([pexpect.EOF, pexpect.TIMEOUT], timeout=5)
    child.close(force=True)


if __name__ == "__main__":
    main()

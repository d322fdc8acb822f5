#!/usr/bin/env python3
"""A person at a terminal, for interactive-session scenarios (SSH, telnet): writes shell commands
to stdout one keystroke at a time (40-300 ms apart), thinks 1-8 s between commands, then `exit`.
Pipe it into `ssh -tt HOST` (or a telnet client); every keystroke is one write, as a typist's are.

    other_typist.py --seed N [--commands K] [--workdir DIR] [--login USER PASS]

--login: answer a login prompt first (telnet): user name, then the password, each typed.
"""
import argparse
import random
import sys
import time

COMMANDS = [
    "ls -la {w}", "uptime", "df -h", "free -m", "cat /etc/os-release", "ps aux | head -20",
    "cd {w} && ls", "echo hello from the lab", "date", "uname -a", "ls /usr/bin | wc -l",
    "head -40 /usr/share/common-licenses/GPL-3", "grep -c . /etc/services", "id", "w",
    "find /usr/share/doc -maxdepth 1 | head -30", "seq 1 200 | tail -5", "ip addr",
    "du -sh /usr/share/doc 2>/dev/null", "cat /proc/cpuinfo | grep 'model name' | head -2",
    "vmstat 1 3", "sleep 2; echo done", "history | tail -5", "env | sort | head -15",
]


def type_line(out, rnd, line):
    for ch in line + "\n":
        out.write(ch)
        out.flush()
        time.sleep(rnd.uniform(0.04, 0.3) if ch != "\n" else rnd.uniform(0.1, 0.5))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--commands", type=int, default=8)
    ap.add_argument("--workdir", default="/tmp")
    ap.add_argument("--login", nargs=2)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    out = sys.stdout
    time.sleep(rnd.uniform(0.8, 1.5))
    if args.login:
        type_line(out, rnd, args.login[0])
        time.sleep(rnd.uniform(0.8, 1.5))
        type_line(out, rnd, args.login[1])
        time.sleep(rnd.uniform(0.8, 1.5))
    for _ in range(args.commands):
        type_line(out, rnd, rnd.choice(COMMANDS).format(w=args.workdir))
        time.sleep(rnd.uniform(1.0, 8.0))
    type_line(out, rnd, "exit")
    time.sleep(1.0)


if __name__ == "__main__":
    main()

"""The session loop the lab's simulated users share (grpc_lab.py, h2_users.py, doh_users.py,
restdb_users.py, mqttws_users.py as threads; h3_client.py, sio_users.py as asyncio tasks).

A user waits 0..3 s, then until the run's end repeats: draw a mode from a.mode and a session end
(--session-min..--session-max s from now, never past the run's end), run the session, pause
--gap-min..--gap-max s.  A session that raises is counted in stats["errors"] and printed on
stderr; the user goes on.  run_threads / run_tasks start every user, wait for them and print
one summary line of the summed stats on stderr.
"""
import asyncio
import random
import sys
import threading
import time


def add_user_args(ap, clients, session=(5.0, 40.0), gap=(0.5, 5.0)):
    """The options every user simulator takes (the mode list is each simulator's own)."""
    ap.add_argument("--clients", type=int, default=clients)
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--session-min", type=float, default=session[0])
    ap.add_argument("--session-max", type=float, default=session[1])
    ap.add_argument("--gap-min", type=float, default=gap[0])
    ap.add_argument("--gap-max", type=float, default=gap[1])
    ap.add_argument("--seed", type=int, default=1)


class _Loop:
    def _setup(self, a, n, until, salt, stats):
        self.a, self.n, self.until = a, n, until
        self.rng = random.Random(f"{a.seed}/{salt}/{n}")
        self.stats = {"sessions": 0, **{k: 0 for k in stats}, "errors": 0}

    def _next(self):
        """-> (mode, end) of the next session."""
        mode = self.rng.choice(self.a.mode)
        return mode, min(self.until, time.monotonic() + self.rng.uniform(self.a.session_min, self.a.session_max))

    def _failed(self, mode, e):
        self.stats["errors"] += 1
        print(f"user {self.n} {mode}: {type(e).__name__}: {e}", file=sys.stderr)

    def count(self, key, k=1):
        self.stats[key] += k


class UserThread(threading.Thread, _Loop):
    """A user as a thread; subclasses define session(mode, end)."""

    def __init__(self, a, n, until, salt, stats=()):
        threading.Thread.__init__(self, daemon=True)
        self._setup(a, n, until, salt, stats)

    def session(self, mode, end):
        raise NotImplementedError

    def run(self):
        time.sleep(self.rng.uniform(0, 3))
        while time.monotonic() < self.until - 1:
            mode, end = self._next()
            try:
                self.session(mode, end)
                self.stats["sessions"] += 1
            except Exception as e:  # a failed session is counted, the user goes on
                self._failed(mode, e)
            time.sleep(self.rng.uniform(self.a.gap_min, self.a.gap_max))


class UserTask(_Loop):
    """A user as an asyncio task; subclasses define async session(mode, end), which is cut off
    20 s after its end."""

    def __init__(self, a, n, until, salt, stats=()):
        self._setup(a, n, until, salt, stats)

    async def session(self, mode, end):
        raise NotImplementedError

    async def run(self):
        await asyncio.sleep(self.rng.uniform(0, 3))
        while time.monotonic() < self.until - 1:
            mode, end = self._next()
            try:
                await asyncio.wait_for(self.session(mode, end), end - time.monotonic() + 20)
                self.stats["sessions"] += 1
            except Exception as e:  # a failed or cut-off session is counted, the user goes on
                self._failed(mode, e)
            await asyncio.sleep(self.rng.uniform(self.a.gap_min, self.a.gap_max))


def summary(name, users):
    tot = {k: sum(u.stats[k] for u in users) for k in users[0].stats}
    print(f"{name}: " + " ".join(f"{k}={v}" for k, v in tot.items()), file=sys.stderr)


def run_threads(name, cls, a, grace=120):
    """Runs a.clients users of the UserThread subclass cls for a.duration s, then the summary."""
    until = time.monotonic() + a.duration
    users = [cls(a, n, until) for n in range(a.clients)]
    for u in users:
        u.start()
    for u in users:
        u.join(a.duration + grace)
    summary(name, users)


async def run_tasks(name, cls, a):
    """Runs a.clients users of the UserTask subclass cls for a.duration s, then the summary."""
    until = time.monotonic() + a.duration
    users = [cls(a, n, until) for n in range(a.clients)]
    await asyncio.gather(*(u.run() for u in users))
    summary(name, users)

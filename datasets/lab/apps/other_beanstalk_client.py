#!/usr/bin/env python3
"""beanstalkd producers and workers for the lab's beanstalk scenarios (greenstalk, PyPI): USERS
users for DURATION s, each running sessions one after the other, one connection per session:

* producer: `use`s a tube and puts 5-60 jobs (30 B - 8 kB bodies, some delayed or prioritised)
  0.05-1.5 s apart;
* worker: watches 1-2 tubes and reserves with a timeout, deletes, releases or buries each job
  after 0.05-0.8 s of "work" and touches long ones, until the tube stays empty;
* monitor: stats, stats-tube and peek-ready a few times.

    other_beanstalk_client.py --host H --port P --seed N --users 4 --duration 60
"""
import argparse
import time

import greenstalk

from other_users import add_user_args, run_users

TUBES = ["mail", "thumbs", "reports", "default"]


def producer(args, rnd, end):
    tube = rnd.choice(TUBES)
    with greenstalk.Client((args.host, args.port), use=tube) as c:
        for i in range(rnd.randint(3, 25)):
            if time.time() > end:
                break
            body = f"job {i} " + "x" * rnd.choice([30, 200, 900, 8000])
            c.put(body, priority=rnd.choice([0, 1024, 65536]), delay=rnd.choice([0, 0, 0, 1]), ttr=60)
            time.sleep(rnd.uniform(0.05, 1.5))


def worker(args, rnd, end):
    watch = rnd.sample(TUBES, rnd.randint(1, 2))
    with greenstalk.Client((args.host, args.port), watch=watch) as c:
        while time.time() < end:
            try:
                job = c.reserve(timeout=rnd.randint(1, 3))
            except greenstalk.TimedOutError:
                return
            time.sleep(rnd.uniform(0.05, 0.8))
            if rnd.random() < 0.1:
                c.touch(job)
            r = rnd.random()
            if r < 0.8:
                c.delete(job)
            elif r < 0.93:
                c.release(job, delay=rnd.randint(0, 2))
            else:
                c.bury(job)


def monitor(args, rnd, end):
    with greenstalk.Client((args.host, args.port)) as c:
        for _ in range(rnd.randint(2, 6)):
            c.stats()
            tube = rnd.choice(TUBES)
            try:
                c.stats_tube(tube)
                c.use(tube)
                c.peek_ready()
            except greenstalk.NotFoundError:
                pass
            time.sleep(rnd.uniform(0.3, 2))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--host", required=True)
    ap.add_argument("--port", type=int, required=True)
    add_user_args(ap)
    run_users(ap.parse_args(), [producer, worker, monitor], [4, 4, 1])


if __name__ == "__main__":
    main()

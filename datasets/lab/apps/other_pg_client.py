#!/usr/bin/env python3
"""A web application's database users for the PostgreSQL scenarios (psycopg2): USERS users for
DURATION s; each session opens a connection, runs 3-40 requests (point selects on pgbench's
accounts, a small report with GROUP BY, inserts into a history table, a transaction moving an
amount between two accounts, now and then a 2-20k-row export), 0.05-2 s apart, and closes.

    other_pg_client.py --dsn "host=H port=P dbname=lab user=lab password=..." --seed N --users 4 --duration 60
"""
import argparse
import random
import threading
import time

import psycopg2


def request(cur, rnd):
    op = rnd.random()
    aid = rnd.randint(1, 100000)
    if op < 0.45:
        cur.execute("SELECT aid, bid, abalance, filler FROM pgbench_accounts WHERE aid = %s", (aid,))
    elif op < 0.6:
        cur.execute("SELECT bid, count(*), sum(abalance) FROM pgbench_accounts WHERE aid BETWEEN %s AND %s GROUP BY bid",
                    (aid, aid + rnd.randint(100, 5000)))
    elif op < 0.8:
        cur.execute("INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (%s, 1, %s, %s, now())",
                    (rnd.randint(1, 10), aid, rnd.randint(-5000, 5000)))
    elif op < 0.95:
        d = rnd.randint(1, 500)
        cur.execute("UPDATE pgbench_accounts SET abalance = abalance - %s WHERE aid = %s", (d, aid))
        cur.execute("UPDATE pgbench_accounts SET abalance = abalance + %s WHERE aid = %s", (d, rnd.randint(1, 100000)))
    else:
        cur.execute("SELECT * FROM pgbench_accounts WHERE aid > %s LIMIT %s", (aid, rnd.randint(2000, 20000)))
    if cur.description:
        cur.fetchall()


def user(args, uid):
    rnd = random.Random(f"{args.seed}/{uid}")
    end = time.time() + args.duration
    time.sleep(rnd.uniform(0, 3))
    while time.time() < end:
        try:
            conn = psycopg2.connect(args.dsn)
            with conn:
                cur = conn.cursor()
                for _ in range(rnd.randint(3, 40)):
                    request(cur, rnd)
                    conn.commit()
                    time.sleep(rnd.uniform(0.05, 2))
                    if time.time() > end:
                        break
            conn.close()
        except psycopg2.Error:
            time.sleep(1)
        time.sleep(rnd.uniform(0.5, 5))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dsn", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--users", type=int, default=4)
    ap.add_argument("--duration", type=float, default=60)
    args = ap.parse_args()
    ts = [threading.Thread(target=user, args=(args, u)) for u in range(args.users)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


if __name__ == "__main__":
    main()

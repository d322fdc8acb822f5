#!/usr/bin/env python3
"""A shop application's database users for the MariaDB scenarios (PyMySQL): USERS users for
DURATION s; each session connects, runs 3-40 requests (product look-ups by id, category listings
of 20-500 rows, order inserts in a transaction, stock updates, a report join), 0.05-2 s apart.

    other_mysql_client.py --host H --port P --seed N --users 4 --duration 60 [--tls CA]
"""
import argparse
import random
import threading
import time

import pymysql

SCHEMA = [
    "CREATE TABLE IF NOT EXISTS products (id INT PRIMARY KEY, cat INT, name VARCHAR(80), descr TEXT, price DECIMAL(8,2), stock INT)",
    "CREATE TABLE IF NOT EXISTS orders (id INT AUTO_INCREMENT PRIMARY KEY, product INT, qty INT, customer VARCHAR(40), ts DATETIME)",
]


def connect(args):
    kw = dict(host=args.host, port=args.port, user="lab", password="labpass", database="shop", autocommit=False)
    if args.tls:
        kw["ssl"] = {"ca": args.tls}
    return pymysql.connect(**kw)


def populate(args):
    rnd = random.Random(args.seed)
    c = connect(args)
    with c.cursor() as cur:
        for s in SCHEMA:
            cur.execute(s)
        cur.executemany("REPLACE INTO products VALUES (%s, %s, %s, %s, %s, %s)",
                        [(i, i % 25, f"product {i}", "d" * rnd.randint(20, 400), rnd.uniform(1, 500), rnd.randint(0, 99))
                         for i in range(1, 3001)])
    c.commit()
    c.close()


def request(cur, rnd):
    op = rnd.random()
    if op < 0.45:
        cur.execute("SELECT * FROM products WHERE id = %s", (rnd.randint(1, 3000),))
    elif op < 0.65:
        cur.execute("SELECT id, name, price FROM products WHERE cat = %s ORDER BY price LIMIT %s",
                    (rnd.randint(0, 24), rnd.randint(20, 500)))
    elif op < 0.85:
        cur.execute("INSERT INTO orders (product, qty, customer, ts) VALUES (%s, %s, %s, NOW())",
                    (rnd.randint(1, 3000), rnd.randint(1, 5), f"cust{rnd.randint(1, 999)}"))
        cur.execute("UPDATE products SET stock = stock - 1 WHERE id = %s", (rnd.randint(1, 3000),))
    else:
        cur.execute("SELECT p.cat, COUNT(*), SUM(o.qty) FROM orders o JOIN products p ON p.id = o.product GROUP BY p.cat")
    cur.fetchall()


def user(args, uid):
    rnd = random.Random(f"{args.seed}/{uid}")
    end = time.time() + args.duration
    time.sleep(rnd.uniform(0, 3))
    while time.time() < end:
        try:
            c = connect(args)
            with c.cursor() as cur:
                for _ in range(rnd.randint(3, 40)):
                    request(cur, rnd)
                    c.commit()
                    time.sleep(rnd.uniform(0.05, 2))
                    if time.time() > end:
                        break
            c.close()
        except pymysql.MySQLError:
            time.sleep(1)
        time.sleep(rnd.uniform(0.5, 5))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", required=True)
    ap.add_argument("--port", type=int, default=3306)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--users", type=int, default=4)
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--tls")
    ap.add_argument("--populate", action="store_true", help="create and fill the tables, then exit")
    args = ap.parse_args()
    if args.populate:
        populate(args)
        return
    ts = [threading.Thread(target=user, args=(args, u)) for u in range(args.users)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


if __name__ == "__main__":
    main()

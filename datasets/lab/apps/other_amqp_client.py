#!/usr/bin/env python3
"""AMQP 0-9-1 (pika) and STOMP (stomp.py) clients for the lab's RabbitMQ scenarios: USERS users for
DURATION s, each running sessions one after the other, one connection per session:

* amqp-work: a producer publishing 5-60 persistent tasks (30 B - 8 kB) to a work queue 0.05-1 s
  apart, then a consumer draining it with acks and prefetch;
* amqp-rpc: a responder on a reply queue and 5-40 RPC calls with correlation ids;
* amqp-fanout: events published to a fanout exchange while a bound queue consumes them;
* stomp: a STOMP client subscribing to a destination and sending 3-20 frames to it.

    other_amqp_client.py --host H --amqp-port P --stomp-port Q --seed N --users 4 --duration 60 [--tls CA]
"""
import argparse
import ssl
import time
import uuid

import pika
import stomp

from other_users import add_user_args, run_users


def ssl_context(args):
    ctx = ssl.create_default_context(cafile=args.tls)
    ctx.check_hostname = False
    return ctx


def amqp_connection(args):
    kw = dict(host=args.host, port=args.amqp_port, heartbeat=30, blocked_connection_timeout=30)
    if args.tls:
        kw["ssl_options"] = pika.SSLOptions(ssl_context(args), "lab.test")
    return pika.BlockingConnection(pika.ConnectionParameters(**kw))


def amqp_work(args, rnd, end):
    conn = amqp_connection(args)
    ch = conn.channel()
    q = f"tasks.{rnd.randint(1, 3)}"
    ch.queue_declare(q, durable=True)
    for i in range(rnd.randint(5, 60)):
        if time.time() > end:
            break
        ch.basic_publish("", q, b"task " + b"x" * rnd.choice([30, 300, 1500, 8000]),
                         pika.BasicProperties(delivery_mode=2))
        conn.sleep(rnd.uniform(0.05, 1.0))
    ch.basic_qos(prefetch_count=rnd.choice([1, 5, 20]))
    for method, _props, _body in ch.consume(q, inactivity_timeout=2):
        if method is None:
            break
        conn.sleep(rnd.uniform(0.01, 0.2))
        ch.basic_ack(method.delivery_tag)
    ch.cancel()
    conn.close()


def amqp_rpc(args, rnd, end):
    conn = amqp_connection(args)
    ch = conn.channel()
    service = ch.queue_declare("", exclusive=True).method.queue
    replies = ch.queue_declare("", exclusive=True).method.queue

    def serve(c, method, props, body):
        c.basic_publish("", props.reply_to, b"result " + b"r" * rnd.randint(10, 3000),
                        pika.BasicProperties(correlation_id=props.correlation_id))
        c.basic_ack(method.delivery_tag)
    got = {}
    ch.basic_consume(service, serve)
    ch.basic_consume(replies, lambda c, m, p, b: got.setdefault(p.correlation_id, b), auto_ack=True)
    for _ in range(rnd.randint(5, 40)):
        if time.time() > end:
            break
        cid = str(uuid.UUID(int=rnd.getrandbits(128)))
        ch.basic_publish("", service, b"call " + b"a" * rnd.randint(10, 500),
                         pika.BasicProperties(reply_to=replies, correlation_id=cid))
        deadline = time.time() + 10
        while cid not in got and time.time() < deadline:
            conn.process_data_events(time_limit=0.2)
        conn.sleep(rnd.uniform(0.05, 1.0))
    conn.close()


def amqp_fanout(args, rnd, end):
    conn = amqp_connection(args)
    ch = conn.channel()
    ch.exchange_declare("events", "fanout")
    q = ch.queue_declare("", exclusive=True).method.queue
    ch.queue_bind(q, "events")
    ch.basic_consume(q, lambda c, m, p, b: None, auto_ack=True)
    for _ in range(rnd.randint(10, 150)):
        if time.time() > end:
            break
        ch.basic_publish("events", "", b"event " + b"e" * rnd.randint(20, 1200))
        conn.process_data_events(time_limit=rnd.uniform(0.02, 0.6))
    conn.close()


def stomp_session(args, rnd, end):
    conn = stomp.Connection([(args.host, args.stomp_port)], heartbeats=(0, 0))
    if args.tls:
        conn.set_ssl([(args.host, args.stomp_port)], ca_certs=args.tls)
    conn.connect("guest", "guest", wait=True)
    dest = f"/queue/orders.{rnd.randint(1, 4)}"
    conn.subscribe(dest, id=str(rnd.randint(1, 10**6)), ack="auto")
    for _ in range(rnd.randint(3, 20)):
        if time.time() > end:
            break
        conn.send(dest, "order " + "o" * rnd.choice([20, 200, 900, 4000]), content_type="text/plain")
        time.sleep(rnd.uniform(0.05, 0.6))
    conn.disconnect()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--host", required=True)
    ap.add_argument("--amqp-port", type=int, required=True)
    ap.add_argument("--stomp-port", type=int, required=True)
    add_user_args(ap)
    ap.add_argument("--tls", help="CA file: AMQPS and STOMP over TLS")
    run_users(ap.parse_args(), [amqp_work, amqp_rpc, amqp_fanout, stomp_session], [2, 2, 2, 5])


if __name__ == "__main__":
    main()

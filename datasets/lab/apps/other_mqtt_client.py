#!/usr/bin/env python3
"""MQTT devices and dashboards for the lab's MQTT scenarios (paho-mqtt): SENSORS sensors each
connect, publish telemetry (QoS 0/1, 40-600 B JSON) every 0.5-5 s for a session of 10-60 s, go
offline for a while and reconnect; DASHBOARDS dashboards subscribe to sensors/# for 20-90 s; now
and then a device fetches a retained "firmware" blob (30-200 kB) from its topic.

    other_mqtt_client.py --host H --port P --seed N --sensors 6 --dashboards 2 --duration 60 [--tls CA]
"""
import argparse
import json
import random
import threading
import time

import paho.mqtt.client as mqtt


def client(args, cid, rnd):
    c = mqtt.Client(client_id=cid, clean_session=rnd.random() < 0.7)
    if args.tls:
        c.tls_set(ca_certs=args.tls)
    c.connect(args.host, args.port, keepalive=rnd.choice([15, 30, 60]))
    c.loop_start()
    return c


def sensor(args, uid, end):
    rnd = random.Random(f"{args.seed}/s{uid}")
    time.sleep(rnd.uniform(0, 4))
    while time.time() < end:
        try:
            c = client(args, f"sensor-{uid}-{rnd.randint(0, 999)}", rnd)
            stop = min(end, time.time() + rnd.uniform(10, 60))
            if rnd.random() < 0.2:
                c.subscribe(f"firmware/{uid % 3}", qos=1)
            while time.time() < stop:
                body = json.dumps({"id": uid, "t": time.time(), "temp": rnd.uniform(15, 30),
                                   "pad": "v" * rnd.randint(10, 500)})
                c.publish(f"sensors/{uid}/telemetry", body, qos=rnd.choice([0, 0, 1]))
                time.sleep(rnd.uniform(0.5, 5))
            c.disconnect()
            c.loop_stop()
        except OSError:
            pass
        time.sleep(rnd.uniform(2, 10))


def dashboard(args, uid, end):
    rnd = random.Random(f"{args.seed}/d{uid}")
    while time.time() < end:
        try:
            c = client(args, f"dash-{uid}-{rnd.randint(0, 999)}", rnd)
            c.subscribe("sensors/#", qos=rnd.choice([0, 1]))
            if uid == 0:
                for fw in range(3):
                    c.publish(f"firmware/{fw}", rnd.randbytes(rnd.randint(30000, 200000)), qos=1, retain=True)
            time.sleep(min(max(0, end - time.time()), rnd.uniform(20, 90)))
            c.disconnect()
            c.loop_stop()
        except OSError:
            pass
        time.sleep(rnd.uniform(1, 5))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", required=True)
    ap.add_argument("--port", type=int, default=1883)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sensors", type=int, default=6)
    ap.add_argument("--dashboards", type=int, default=2)
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--tls")
    args = ap.parse_args()
    end = time.time() + args.duration
    ts = [threading.Thread(target=sensor, args=(args, u, end)) for u in range(args.sensors)]
    ts += [threading.Thread(target=dashboard, args=(args, u, end)) for u in range(args.dashboards)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


if __name__ == "__main__":
    main()

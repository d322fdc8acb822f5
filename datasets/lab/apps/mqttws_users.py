#!/usr/bin/python3
"""MQTT-over-WebSocket users for the lab, on paho-mqtt (Debian's python3-paho-mqtt, transport="websockets").

  mqttws_users.py --host IP --port 9001 [--path /mqtt] [--cafile CA] --clients 8 --duration 60
                  [--mode sensor,dashboard,chat] [--seed 1]

Every user repeats sessions (one WebSocket connection to the broker each, --session-min..max s):
  sensor     publishes telemetry (JSON, 40..400 B) to lab/sensors/<id>/<metric> every 0.5..5 s,
             QoS 0 or 1, sometimes a retained status message
  dashboard  subscribes to lab/sensors/# (and lab/chat/#) and reads what arrives; now and then
             publishes a command to lab/cmd/<id>
  chat       subscribes to lab/chat/<room> and publishes messages (10..600 B) at think times
MQTT keep-alive --keepalive s (PINGREQ/PINGRESP when idle).  Prints one summary line on stderr.
"""
import argparse
import json
import time

import paho.mqtt.client as mqtt

from userlib import UserThread, add_user_args, run_threads


class User(UserThread):
    def __init__(self, a, n, until):
        super().__init__(a, n, until, "mqttws", stats=("published", "received"))
        self.k = 0

    def client(self, cid):
        c = mqtt.Client(client_id=cid, clean_session=True, transport="websockets")
        c.ws_set_options(path=self.a.path)
        if self.a.cafile:
            c.tls_set(ca_certs=self.a.cafile)
            c.tls_insecure_set(True)   # the broker is reached by address; the CA still signs it
        c.on_message = lambda *_: self.count("received")
        return c

    def publish(self, c, topic, payload, qos=0, retain=False):
        c.publish(topic, payload, qos=qos, retain=retain)
        self.count("published")

    def sensor(self, c, end, sid):
        metrics = self.rng.sample(["temp", "hum", "co2", "power", "rssi", "door"], self.rng.randint(1, 4))
        every = self.rng.uniform(0.5, 5)
        self.publish(c, f"lab/sensors/{sid}/status", "online", qos=1, retain=True)
        while time.monotonic() < end:
            for m in metrics:
                doc = {"t": time.time(), "v": round(self.rng.uniform(0, 100), 3),
                       "pad": "x" * self.rng.randint(0, 300)}
                self.publish(c, f"lab/sensors/{sid}/{m}", json.dumps(doc), qos=self.rng.choice((0, 0, 1)))
            time.sleep(every * self.rng.uniform(0.8, 1.2))

    def dashboard(self, c, end, sid):
        c.subscribe([("lab/sensors/#", 0), ("lab/chat/#", 0)])
        while time.monotonic() < end:
            time.sleep(self.rng.uniform(2, 15))
            if self.rng.random() < 0.4:
                self.publish(c, f"lab/cmd/s{self.rng.randint(0, 20)}", json.dumps({"set": self.rng.randint(0, 9)}), qos=1)

    def chat(self, c, end, sid):
        room = f"lab/chat/room{self.rng.randint(1, 3)}"
        c.subscribe(room, qos=1)
        while time.monotonic() < end:
            self.publish(c, room, json.dumps({"from": sid, "text": "m" * self.rng.randint(10, 600)}),
                         qos=self.rng.choice((0, 1)))
            time.sleep(self.rng.uniform(self.a.think_min, self.a.think_max))

    def session(self, mode, end):
        sid = f"u{self.n}s{self.k}"
        self.k += 1
        c = self.client(f"lab-{self.a.seed}-{sid}")
        c.connect(self.a.host, self.a.port, keepalive=self.a.keepalive)
        c.loop_start()
        try:
            getattr(self, mode)(c, end, sid)
            c.disconnect()
        finally:
            c.loop_stop()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--host", required=True)
    ap.add_argument("--port", type=int, default=9001)
    ap.add_argument("--path", default="/mqtt")
    ap.add_argument("--cafile")
    ap.add_argument("--mode", default="sensor,dashboard,chat")
    ap.add_argument("--keepalive", type=int, default=20)
    ap.add_argument("--think-min", type=float, default=0.5)
    ap.add_argument("--think-max", type=float, default=6)
    add_user_args(ap, clients=8, session=(5, 45))
    a = ap.parse_args()
    a.mode = a.mode.split(",")
    run_threads("mqttws_users", User, a, grace=60)


if __name__ == "__main__":
    main()

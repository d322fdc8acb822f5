#!/usr/bin/env python3
"""Application logging to a remote syslog collector with Python's logging.handlers.SysLogHandler
(UDP, RFC 3164-style "<PRI>tag[pid]: message" records, as the standard library sends them).

    other_syslog_pyapp.py HOST PORT SALT job            one batch/cron job: a start line, 0-10
                                                        progress lines in a burst, a result line, exit
    other_syslog_pyapp.py HOST PORT SALT daemon SECONDS a long-lived service for SECONDS: request logs
                                                        in bursts (1-15 records), idle 0.2-5 s between,
                                                        warnings and tracebacks now and then

Each process opens its own socket (a job is one flow; a daemon one long flow)."""
import logging
import logging.handlers
import os
import random
import socket
import sys
import time

host, port, salt, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
r = random.Random(salt)
FAC = [logging.handlers.SysLogHandler.LOG_LOCAL0, logging.handlers.SysLogHandler.LOG_LOCAL4,
       logging.handlers.SysLogHandler.LOG_DAEMON, logging.handlers.SysLogHandler.LOG_USER,
       logging.handlers.SysLogHandler.LOG_CRON]
APPS = ["billing-api", "thumbnailer", "orders", "auth-svc", "reportgen", "mailer", "indexer", "cache-warm"]
app = r.choice(APPS)
fac = FAC[4] if mode == "job" and r.random() < 0.5 else r.choice(FAC)
h = logging.handlers.SysLogHandler(address=(host, port), facility=fac, socktype=socket.SOCK_DGRAM)
h.ident = "%s[%d]: " % (app, os.getpid())
h.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
log = logging.getLogger(app)
log.addHandler(h)
log.setLevel(logging.DEBUG)
log.propagate = False


def ip():
    return "10.%d.%d.%d" % (r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))


def request():
    path = r.choice(["/api/v1/orders", "/api/v1/users/%d" % r.randint(1, 9999), "/healthz", "/static/app.js",
                     "/api/v1/search?q=%s" % r.choice(["lamp", "desk", "chair", "cable"]), "/login"])
    code = r.choice([200] * 12 + [201, 204, 301, 304, 400, 401, 404, 500, 503])
    lvl = logging.ERROR if code >= 500 else logging.WARNING if code >= 400 else logging.INFO
    log.log(lvl, 'access client=%s method=%s path=%s status=%d bytes=%d dur=%.3f ua="%s"', ip(), r.choice(["GET", "GET", "POST", "PUT"]), path,
            code, r.randint(0, 90000), r.random() * 2, r.choice(["curl/7.88", "Mozilla/5.0", "okhttp/4.12"]))
    if code >= 500 and r.random() < 0.5:
        log.error("Traceback (most recent call last): File \"/srv/%s/app.py\", line %d, in handle: "
                  "TimeoutError: upstream db %s:5432 did not answer in 5.0 s", app, r.randint(10, 900), ip())


if mode == "job":
    log.info("job %s started run=%08x", app, r.getrandbits(32))
    for i in range(r.randint(0, 10)):
        log.debug("step %d: processed %d items in %d ms", i, r.randint(1, 5000), r.randint(1, 3000))
        time.sleep(r.choice([0, 0, 0.01, 0.05, 0.2]))
    if r.random() < 0.15:
        log.warning("job %s finished with %d skipped records", app, r.randint(1, 50))
    else:
        log.info("job %s finished ok", app)
else:
    end = time.monotonic() + float(sys.argv[5])
    log.info("%s starting, pid %d, listening on :%d", app, os.getpid(), r.choice([8000, 8080, 9000]))
    while time.monotonic() < end:
        for _ in range(r.choice([1, 1, 2, 3, 5, 8, 15])):
            request()
            time.sleep(r.choice([0, 0, 0.005, 0.02]))
        if r.random() < 0.05:
            log.warning("connection pool %d/%d in use", r.randint(15, 20), 20)
        time.sleep(r.choice([0.2, 0.5, 1, 1.5, 3, 5]))
    log.info("%s shutting down", app)
h.close()

#!/usr/bin/env bash
# wan60_other_beanstalkd.sh -- other_beanstalkd.sh over IPv6 with the client behind the WAN link (rtt=60,jitter=4,loss=0.002,rate=20), SLL2.
# base: other_beanstalkd
# software: beanstalkd; greenstalk (PyPI)
# Same workload as the base scenario (see other_beanstalkd.sh); its own scenario name.
# Usage: wan60_other_beanstalkd.sh --out DIR --seed N [--quick]
exec bash "$(dirname "$0")/other_beanstalkd.sh" --name wan60_other_beanstalkd --wan rtt=60,jitter=4,loss=0.002,rate=20 --v6 --format sll2 "$@"

"""Scenario names: a recording behind the WAN link is named `wan<RTT>_<base>`, after the LAN
scenario `<base>` it repeats (datasets/lab/scenarios). models/lan-wan.py pairs them by this rule
and models/seed-spread.sh --by-application groups them by it."""
import re

_WAN = re.compile(r"wan\d+_(.+)")


def wan_base(scenario):
    """The LAN scenario a WAN scenario repeats, or None for a scenario without the wan prefix."""
    m = _WAN.fullmatch(scenario)
    return m.group(1) if m else None


def application(scenario):
    """The scenario's application: its base if it is a WAN recording, else the scenario itself."""
    return wan_base(scenario) or scenario

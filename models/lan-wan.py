#!/usr/bin/env python3
"""How well a model carries between LAN timing and internet timing (issue 8's transfer study).

    python3 models/lan-wan.py [--markdown] [--configs all,no-timing]

Every committed scenario is put in an RTT band from its truth file's `# rtt_ms:` line (written by
the lab's WAN link and by the older constant delay line); scenarios without one are LAN (round
trips well under a millisecond between namespaces).  Bands: LAN, 20 ms (16-39 ms), 80 ms
(40-109 ms), 150 ms, 300 ms.  With the real `flowclass train` and `flowclass eval` it measures,
for each feature configuration:

* LAN -> WAN: a forest trained on the LAN scenarios only, evaluated on each WAN band;
* WAN -> LAN: a forest trained on the WAN scenarios only (all bands), evaluated on the LAN ones;
* leave one band out (the issue's target): for each WAN band, a forest trained on every
  scenario outside the band, evaluated on the band ("without"), against the same band's flows
  each predicted by a forest trained on every scenario but its own ("with": other scenarios of
  that band are in training).  The loss is with - without.

It also measures which features move with the round trip for the same application: for every
WAN scenario `wan<RTT>_<base>` whose base scenario is committed too, the Kolmogorov-Smirnov
distance between the base's and the WAN recording's flows (labeled flows, ignore excluded), per
feature, averaged over those pairs; the features that move most are listed.

Scores are macro-F1 over the classes present, as `flowclass eval` computes it (confusion
matrices of several evaluations are summed before scoring).  Captures are split by scenario:
a scenario's flows are never on both sides.  Configurations: `all` (every feature) and
`no-timing` (the absolute-timing features of models/absolute-timing.txt held out of training, as
the shipped default model is trained).  FLOWCLASS names the binary (default target/release/flowclass, built if missing).
"""
import argparse
import bisect
import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "datasets" / "lab"))
from payload import CAPTURE_EXTS  # noqa: E402  (the capture file names the datasets keep)
from scenario_names import wan_base  # noqa: E402
DATASETS = ROOT / "datasets"
CLASS_DIRS = ("bittorrent", "websocket", "http", "mixed", "other")
BANDS = (("20 ms", 0.5, 40), ("80 ms", 40, 110), ("150 ms", 110, 200), ("300 ms", 200, 1000))
ABSOLUTE_TIMING = "".join(l for l in (ROOT / "models" / "absolute-timing.txt").read_text().splitlines()
                          if not l.startswith("#"))
CONFIGS = {
    "all": [],
    "no-timing": ["--exclude-features", ABSOLUTE_TIMING],
}
FOREST = ["--algorithm", "forest", "--seed", "1", "--folds", "2", "-q"]


def scenarios():
    """{scenario: (rtt_ms or None, [capture paths])} from the truth files beside the captures."""
    found = defaultdict(lambda: [None, []])
    for d in CLASS_DIRS:
        for truth in sorted((DATASETS / d).glob("*.truth.csv")):
            text = truth.read_text()
            stem = truth.name[: -len(".truth.csv")]
            m = re.search(r"^# scenario: *(\S+)", text, re.M)
            name = m.group(1) if m else stem
            m = re.search(r"^# rtt_ms: *([0-9.]+)", text, re.M)
            if m:
                found[name][0] = float(m.group(1))
            for ext in CAPTURE_EXTS:
                if (truth.parent / (stem + ext)).exists():
                    found[name][1].append(truth.parent / (stem + ext))
    return {k: (v[0], v[1]) for k, v in found.items() if v[1]}


def band_of(rtt):
    if rtt is None:
        return "LAN"
    return next(name for name, lo, hi in BANDS if lo <= rtt < hi)


def flowclass():
    exe = os.environ.get("FLOWCLASS")
    if exe:
        return exe.split()
    binary = ROOT / "target" / "release" / "flowclass"
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    return [str(binary)]


def captures(scens, names):
    return [str(p) for n in sorted(names) for p in scens[n][1]]


def train(fc, scens, names, extra, out):
    cmd = fc + ["train", *captures(scens, names), "--labels", str(DATASETS / "labels.csv"),
                *FOREST, *extra, "-o", str(out)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def evaluate(fc, scens, names, model):
    """(confusion matrix, macro-F1) of `model` on the scenarios `names`, as `eval` reports them."""
    cmd = fc + ["eval", "--json", "--model", str(model), *captures(scens, names),
                "--labels", str(DATASETS / "labels.csv")]
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    metrics = json.loads(done.stdout)["metrics"]
    return metrics["confusion"], metrics["macro_f1"]


def macro_f1(confusion):
    """flowclass's macro-F1: mean F1 over the classes that occur (in truth or in predictions)."""
    n = len(confusion)
    f1s = []
    for c in range(n):
        tp = confusion[c][c]
        support = sum(confusion[c])
        predicted = sum(row[c] for row in confusion)
        if support == 0 and predicted == 0:
            continue
        p = tp / predicted if predicted else 0.0
        r = tp / support if support else 0.0
        f1s.append(2 * p * r / (p + r) if p + r else 0.0)
    return sum(f1s) / len(f1s) if f1s else 0.0


def add(a, b):
    return b if a is None else [[x + y for x, y in zip(ra, rb)] for ra, rb in zip(a, b)]


def scored(fc, scens, names, model):
    """The confusion matrix of one evaluation, its macro-F1 checked against flowclass's own figure."""
    conf, reported = evaluate(fc, scens, names, model)
    assert abs(macro_f1(conf) - reported) < 1e-9, (macro_f1(conf), reported)
    return conf


def study(fc, scens, extra, work, log):
    bands = defaultdict(list)
    for name, (rtt, _) in scens.items():
        bands[band_of(rtt)].append(name)
    wan = [n for b, ns in bands.items() if b != "LAN" for n in ns]
    res = {"flows": {}, "lan_to_wan": {}, "leave_band_out": {}}

    model = work / "lan.json"
    train(fc, scens, bands["LAN"], extra, model)
    for b, _, _ in BANDS:
        res["lan_to_wan"][b] = macro_f1(scored(fc, scens, bands[b], model))
        log(f"  LAN -> {b}: {res['lan_to_wan'][b]:.4f}")
    res["lan_to_wan"]["all WAN"] = macro_f1(scored(fc, scens, wan, model))

    model = work / "wan.json"
    train(fc, scens, wan, extra, model)
    lan = scored(fc, scens, bands["LAN"], model)
    res["flows"]["LAN"] = sum(map(sum, lan))
    res["wan_to_lan"] = macro_f1(lan)
    log(f"  WAN -> LAN: {res['wan_to_lan']:.4f}")

    for b, _, _ in BANDS:
        inside = bands[b]
        model = work / "without.json"
        train(fc, scens, [n for n in scens if n not in inside], extra, model)
        without = scored(fc, scens, inside, model)
        with_band = None
        for s in inside:
            model = work / "with.json"
            train(fc, scens, [n for n in scens if n != s], extra, model)
            with_band = add(with_band, scored(fc, scens, [s], model))
        res["flows"][b] = sum(map(sum, without))
        res["leave_band_out"][b] = {"with": macro_f1(with_band), "without": macro_f1(without),
                                    "scenarios": sorted(inside)}
        log(f"  {b}: with {macro_f1(with_band):.4f} without {macro_f1(without):.4f}")
    return res


def labeled_flow_keys():
    """{scenario: set of flow identifiers as `extract` writes them} of the labeled (not ignore)
    flows of datasets/labels.csv."""
    keys = defaultdict(set)
    with open(DATASETS / "labels.csv", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["label"] != "ignore":
                keys[r["scenario"]].add(("datasets/" + r["capture"], r["proto"], r["src_ip"],
                                         r["src_port"], r["dst_ip"], r["dst_port"], r["start"]))
    return keys


def labeled_features(fc, scens, name, keep):
    """{feature: [values]} over the flows of scenario `name` whose identifiers are in `keep`."""
    files = [str(p.relative_to(ROOT)) for p in scens[name][1]]
    done = subprocess.run(fc + ["extract", "-q", *files], cwd=ROOT, check=True,
                          capture_output=True, text=True)
    rows = csv.DictReader(io.StringIO(done.stdout))
    first = rows.fieldnames.index("transport_udp")
    names = rows.fieldnames[first:]
    values = {n: [] for n in names}
    for r in rows:
        key = (r["capture"], r["proto"], r["src_ip"], r["src_port"], r["dst_ip"], r["dst_port"], r["start"])
        if key in keep:
            for n in names:
                values[n].append(float(r[n]))
    return values


def ks_distance(a, b):
    """Largest gap between the empirical distribution functions of a and b."""
    a, b = sorted(a), sorted(b)
    points = sorted(set(a) | set(b))
    return max(abs(bisect.bisect_right(a, x) / len(a) - bisect.bisect_right(b, x) / len(b))
               for x in points)


def rtt_shift(fc, scens):
    """[(feature, mean KS distance over pairs)], largest first, and the pairs used."""
    pairs = []
    for name in sorted(scens):
        base = wan_base(name)
        if base in scens:
            pairs.append((base, name))
    keys = labeled_flow_keys()
    measured = {name: labeled_features(fc, scens, name, keys[name])
                for name in sorted({n for pair in pairs for n in pair})}
    total = defaultdict(float)
    for base, wan in pairs:
        a, b = measured[base], measured[wan]
        for n in a:
            if a[n] and b[n]:
                total[n] += ks_distance(a[n], b[n]) / len(pairs)
    return sorted(total.items(), key=lambda kv: -kv[1]), pairs


def markdown(results):
    names = list(results)
    lines = ["| evaluation | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    first = results[names[0]]
    for b in [b for b, _, _ in BANDS] + ["all WAN"]:
        flows = first["flows"].get(b)
        label = f"LAN-trained -> {b}" + (f" ({flows} flows)" if flows else "")
        lines.append(f"| {label} | " + " | ".join(f"{results[n]['lan_to_wan'][b]:.3f}" for n in names) + " |")
    lines.append(f"| WAN-trained -> LAN ({first['flows']['LAN']} flows) | "
                 + " | ".join(f"{results[n]['wan_to_lan']:.3f}" for n in names) + " |")
    for b, _, _ in BANDS:
        cells = []
        for n in names:
            r = results[n]["leave_band_out"][b]
            cells.append(f"{r['with']:.3f} -> {r['without']:.3f} (loss {r['with'] - r['without']:+.3f})")
        lines.append(f"| {b} band: with -> without its band in training | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--configs", default="all,no-timing", help="comma-separated: " + ", ".join(CONFIGS))
    ap.add_argument("--json", help="also write the figures as JSON here")
    ap.add_argument("--markdown", action="store_true", help="print a markdown table")
    args = ap.parse_args()
    fc = flowclass()
    scens = scenarios()
    for b in ["LAN"] + [b for b, _, _ in BANDS]:
        inside = sorted(n for n, (rtt, _) in scens.items() if band_of(rtt) == b)
        print(f"{b}: {len(inside)} scenarios: {' '.join(inside)}", file=sys.stderr)
    results = {}
    with tempfile.TemporaryDirectory() as work:
        for c in args.configs.split(","):
            if c not in CONFIGS:
                ap.error(f"unknown configuration {c!r}; known: {', '.join(CONFIGS)}")
            print(f"configuration {c}:", file=sys.stderr)
            results[c] = study(fc, scens, CONFIGS[c], Path(work), lambda m: print(m, file=sys.stderr))
    shift, pairs = rtt_shift(fc, scens)
    results["rtt_shift"] = {"pairs": pairs, "ks_distance": dict(shift)}
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    if args.markdown:
        print(markdown({k: v for k, v in results.items() if k != "rtt_shift"}))
        timing = re.compile("|".join(p.replace("*", ".*") for p in ABSOLUTE_TIMING.split(",")))
        print(f"\nFeatures that move most with the RTT (mean KS distance over {len(pairs)} LAN/WAN pairs "
              "of one application; * = held out of the default model):\n")
        print("| feature | KS distance |\n|---|---|")
        for n, d in shift[:15]:
            print(f"| `{n}`{' *' if timing.fullmatch(n) else ''} | {d:.2f} |")
    else:
        print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

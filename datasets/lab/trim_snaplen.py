#!/usr/bin/env python3
"""Re-cut the committed captures to a shorter snaplen wherever nothing read from them changes.

The lab records with snaplen 128, so that the payload signatures of label.py and verify_labels.py
see the first ~60 bytes of each payload.  For most captures fewer suffice, and the bytes past them
are encrypted or random and do not compress: cutting those captures to 96 bytes a frame takes about
a quarter off the datasets.  Nothing flowclass computes depends on them (sizes come from the IP
headers), and the labels depend on them only where a signature lies deep in a packet.

So every gzip'd capture of DATASETS is cut (`editcap -s SNAPLEN`, same file type) into a scratch
copy of the datasets, which is then relabelled (label.py), checked (verify_labels.py) and extracted
(`flowclass extract`).  A capture is replaced by its cut copy only when all three agree with the
committed one: the same labels.csv rows, no flow failing verification, and the same row of every
feature for every flow.  The rest stay as they are, and the script says why.

usage: trim_snaplen.py [DATASETS] [--snaplen 96] [--flowclass PATH] [--dry-run]
"""

import argparse
import ast
import csv
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

LAB = Path(__file__).resolve().parent
CLASS_DIRS = ("bittorrent", "http", "websocket", "mixed", "other")


def file_type(capture):
    """editcap's name for the capture's type (pcap, nsecpcap or pcapng), so the cut keeps it."""
    out = subprocess.run(["capinfos", "-t", "-M", str(capture)], check=True, capture_output=True, text=True).stdout
    kind = out.splitlines()[1].split(":", 1)[1].strip().split()[0]
    if kind not in ("pcap", "nsecpcap", "pcapng"):
        sys.exit(f"trim_snaplen.py: {capture}: unexpected file type {kind}")
    return kind


def cut(capture, into, snaplen):
    """Writes `capture` cut to `snaplen` bytes a frame, gzip'd as curate.sh does, to `into`."""
    with tempfile.TemporaryDirectory() as scratch:
        plain, short = Path(scratch) / "in", Path(scratch) / "out"
        with open(plain, "wb") as fh:
            subprocess.run(["gzip", "-dc", str(capture)], check=True, stdout=fh)
        subprocess.run(["editcap", "-F", file_type(capture), "-s", str(snaplen), str(plain), str(short)],
                       check=True, capture_output=True)
        with open(into, "wb") as fh:
            subprocess.run(["gzip", "-9", "-n", "-c", str(short)], check=True, stdout=fh)


def rows_by_capture(lines):
    """CSV rows (header first) grouped by their first column, the capture."""
    grouped = defaultdict(list)
    for row in csv.reader(lines[1:]):
        grouped[row[0]].append(row)
    return {capture: sorted(rows) for capture, rows in grouped.items()}


def extracted(flowclass, datasets):
    dirs = [d for d in CLASS_DIRS if (datasets / d).is_dir()]
    out = subprocess.run([flowclass, "extract", "-q", *dirs], cwd=datasets, check=True,
                         capture_output=True, text=True).stdout
    return rows_by_capture(out.splitlines())


def failing_captures(datasets):
    """The captures with a flow that verify_labels.py fails (its -v list names each)."""
    run = subprocess.run([sys.executable, str(LAB / "verify_labels.py"), str(datasets), "-v"],
                         capture_output=True, text=True)
    failing = set()
    for line in run.stderr.splitlines():
        if line.startswith("   ("):
            failing.add(ast.literal_eval(line.strip())[1])
    return failing


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("datasets", nargs="?", default=str(LAB.parent))
    ap.add_argument("--snaplen", type=int, default=96)
    ap.add_argument("--flowclass", default=str(LAB.parent.parent / "target/release/flowclass"))
    ap.add_argument("--dry-run", action="store_true", help="report, replace nothing")
    args = ap.parse_args()
    datasets = Path(args.datasets).resolve()
    captures = sorted(p.relative_to(datasets).as_posix()
                      for d in CLASS_DIRS for p in (datasets / d).glob("*.gz"))
    if failing_captures(datasets):
        sys.exit("trim_snaplen.py: verify_labels.py fails on the committed datasets; fix that first")

    with tempfile.TemporaryDirectory(prefix="trim-") as scratch:
        scratch = Path(scratch)
        for d in CLASS_DIRS:
            if (datasets / d).is_dir():
                shutil.copytree(datasets / d, scratch / d, ignore=shutil.ignore_patterns("*.gz"))
        for rel in captures:
            cut(datasets / rel, scratch / rel, args.snaplen)
        subprocess.run([sys.executable, str(LAB / "label.py"), str(scratch)], check=True,
                       stdout=subprocess.DEVNULL)
        with open(datasets / "labels.csv") as fh:
            labels_before = rows_by_capture(fh.read().splitlines())
        with open(scratch / "labels.csv") as fh:
            labels_after = rows_by_capture(fh.read().splitlines())
        failing = failing_captures(scratch)
        features_before, features_after = extracted(args.flowclass, datasets), extracted(args.flowclass, scratch)

        kept, unchanged, before, after = [], 0, 0, 0
        for rel in captures:
            old, new = datasets / rel, scratch / rel
            why = ("labels differ" if labels_before.get(rel) != labels_after.get(rel)
                   else "verification fails" if rel in failing
                   else "features differ" if features_before.get(rel) != features_after.get(rel)
                   else None)
            if why:
                kept.append((rel, why))
            elif new.stat().st_size >= old.stat().st_size:
                unchanged += 1
            else:
                before += old.stat().st_size
                after += new.stat().st_size
                if not args.dry_run:
                    shutil.copyfile(new, old)
    cut_count = len(captures) - len(kept) - unchanged
    print(f"trim_snaplen.py: {cut_count} of {len(captures)} captures cut to {args.snaplen} bytes a frame "
          f"({before} -> {after} bytes){' (dry run)' if args.dry_run else ''}; "
          f"{unchanged} no smaller; {len(kept)} kept as they are:")
    for rel, why in kept:
        print(f"  {rel}: {why}")


if __name__ == "__main__":
    main()

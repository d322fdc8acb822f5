"""examples/spark_classify.py, run in Spark's local mode over datasets/, labels every flow as
`flowclass classify` does. Needs pyspark and Java 17; skipped without them unless
FLOWCLASS_SPARK=1 (as .ci/run sets it), which makes their absence a failure."""

import os
import shutil
import subprocess
import sys
import time

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import ROOT

KEY = ["capture", "proto", "src_ip", "src_port", "dst_ip", "dst_port", "start"]


def spark_ready():
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed"
    if shutil.which("java") is None:
        return "no java on PATH"
    return None


def test_the_spark_job_labels_every_flow_as_the_cli_does(cli, tmp_path):
    missing = spark_ready()
    if missing:
        if os.environ.get("FLOWCLASS_SPARK") == "1":
            pytest.fail(f"FLOWCLASS_SPARK=1 but {missing}")
        pytest.skip(missing)
    out = tmp_path / "flows.parquet"
    started = time.monotonic()
    subprocess.run([sys.executable, "examples/spark_classify.py", "--master", "local[2]",
                    "datasets", str(out)], cwd=ROOT, check=True)
    print(f"spark_classify over datasets/ took {time.monotonic() - started:.1f} s")

    header, rows = cli.rows("classify", "-q", "--format", "csv", "datasets")
    label, conf = header.index("label"), header.index("confidence")
    by_cli = {tuple(r[: len(KEY)]): (r[label], r[conf]) for r in rows}
    assert len(by_cli) == len(rows), "flow keys are unique"

    table = pq.read_table(out)
    assert table.schema.field("start").type == pa.timestamp("us", tz="UTC")
    table = table.set_column(table.column_names.index("start"), "start",
                             table.column("start").cast(pa.timestamp("us", tz="UTC"))
                             .cast(pa.int64()))
    assert table.num_rows == len(rows)
    root = ROOT.resolve().as_posix()
    by_spark = {}
    for row in table.to_pylist():
        # Spark names files by URI (file:/abs/path); the CLI by the path it was given.
        capture = os.path.relpath(row["capture"].removeprefix("file:"), root)
        seconds, micros = divmod(row["start"], 1_000_000)
        key = (capture, row["proto"], row["src_ip"], str(row["src_port"]), row["dst_ip"],
               str(row["dst_port"]), f"{seconds}.{micros:06d}")
        by_spark[key] = (row["label"], f"{row['confidence']:.4f}")
    assert by_spark.keys() == by_cli.keys()
    differing = [k for k in by_cli if by_cli[k] != by_spark[k]]
    assert not differing, f"{len(differing)} flows differ, e.g. {differing[:3]}"

"""Classify a directory of captures with Spark: one Parquet row per flow.

    python examples/spark_classify.py INPUT OUTPUT [--master local[2]] [--model FILE]
                                      [--task-mb MB] [--glob '*.pcap*']

INPUT is a directory (local, or on storage Spark reads: hdfs://, s3a://, ...) searched recursively
for files matching --glob. Spark reads them as binary files and splits them into tasks of about
--task-mb megabytes (each file counts 4 MB more, Spark's spark.sql.files.openCostInBytes); a task
writes each capture to a local temporary file and classifies it with the flowclass package
(`pip install ./python` on every executor), and hands the rows back through `mapInArrow`. OUTPUT
gets Parquet files with the columns of `flowclass classify` (capture is the file's path as Spark
names it). --model is a flowclass model file, shipped to the executors with the job (default: the
model built into flowclass). docs/PYTHON.md says how this scales.
"""

import argparse
import os
import sys
import tempfile
import time

import pyarrow as pa
from pyspark import SparkFiles
from pyspark.sql import SparkSession
from pyspark.sql.types import (DoubleType, IntegerType, LongType, StringType, StructField,
                               StructType, TimestampType)

# `flowclass classify`'s columns as Spark types: Spark has no unsigned or dictionary types, so
# ports are 32-bit integers, counts 64-bit ones, and text is plain strings.
SCHEMA = StructType([
    StructField("capture", StringType(), False),
    StructField("proto", StringType(), False),
    StructField("src_ip", StringType(), False),
    StructField("src_port", IntegerType(), False),
    StructField("dst_ip", StringType(), False),
    StructField("dst_port", IntegerType(), False),
    StructField("start", TimestampType(), False),
    StructField("packets", LongType(), False),
    StructField("bytes", LongType(), False),
    StructField("label", StringType(), False),
    StructField("confidence", DoubleType(), False),
])
ARROW_SCHEMA = pa.schema([
    pa.field("capture", pa.string(), False),
    pa.field("proto", pa.string(), False),
    pa.field("src_ip", pa.string(), False),
    pa.field("src_port", pa.int32(), False),
    pa.field("dst_ip", pa.string(), False),
    pa.field("dst_port", pa.int32(), False),
    pa.field("start", pa.timestamp("us", tz="UTC"), False),
    pa.field("packets", pa.int64(), False),
    pa.field("bytes", pa.int64(), False),
    pa.field("label", pa.string(), False),
    pa.field("confidence", pa.float64(), False),
])


def classify_batches(model_name):
    """The function each task runs on its batches of (path, content) rows."""

    def classify(batches):
        import flowclass  # imported on the executor

        model = flowclass.Model.load(SparkFiles.get(model_name)) if model_name else None
        for batch in batches:
            paths = batch.column("path").to_pylist()
            contents = batch.column("content")
            for i, path in enumerate(paths):
                with tempfile.NamedTemporaryFile(prefix="flowclass-", suffix=".capture") as file:
                    file.write(contents[i].as_py())
                    file.flush()
                    try:
                        table = flowclass.classify(file.name, model)
                    except flowclass.CaptureError as error:
                        # The flows before the error are kept, as the command line keeps them.
                        print(f"spark_classify: {path}: {error}", file=sys.stderr)
                        table = error.table
                table = table.set_column(0, "capture", pa.array([path] * table.num_rows))
                for piece in table.cast(ARROW_SCHEMA).to_batches():
                    yield piece

    return classify


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--master", help="Spark master (default: as spark-submit sets it)")
    parser.add_argument("--model", help="a flowclass model file (default: the built-in model)")
    parser.add_argument("--task-mb", type=int, default=128,
                        help="megabytes of captures per task (Spark's maxPartitionBytes)")
    parser.add_argument("--glob", default="*.pcap*", help="which files are captures")
    args = parser.parse_args()

    # Executors run this Python (with flowclass installed) unless the cluster says otherwise.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("flowclass classify")
    if args.master:
        builder = builder.master(args.master)
    spark = (builder.config("spark.sql.session.timeZone", "UTC")
             .config("spark.sql.files.maxPartitionBytes", f"{args.task_mb}m")
             # Parquet's standard microsecond timestamps, not Spark's legacy INT96.
             .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
             .config("spark.ui.enabled", "false").getOrCreate())
    started = time.monotonic()
    model_name = None
    if args.model:
        spark.sparkContext.addFile(os.path.abspath(args.model))
        model_name = os.path.basename(args.model)
    files = (spark.read.format("binaryFile").option("recursiveFileLookup", "true")
             .option("pathGlobFilter", args.glob).load(args.input).select("path", "content"))
    # Spark splits the files into tasks by size, without moving their bytes between executors.
    tasks = files.rdd.getNumPartitions()
    flows = files.mapInArrow(classify_batches(model_name), SCHEMA)
    flows.write.mode("overwrite").parquet(args.output)
    written = spark.read.parquet(args.output)
    captures = written.select("capture").distinct().count()
    print(f"spark_classify: {written.count()} flows of {captures} captures, in {tasks} tasks, "
          f"written to {args.output} in {time.monotonic() - started:.1f} s", file=sys.stderr)
    spark.stop()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""`corpus` as the mapper of a Spark job: JSONL shards in, article records out.

Each partition of the input (one JSONL record a line: {"id", "text", ...}) is
piped through `corpus scan --format jsonl --quiet --stdin-format jsonl -`,
which writes one record a line in the order it read them; the records are
saved as text files under OUTPUT. `scripts/spark_check.py` runs this same
function in local mode and checks the records against a single-machine run.

On a cluster, ship the binary with the job (it lands in each executor's
working directory, hence `./corpus`):

    spark-submit --master yarn --deploy-mode cluster \\
        --files target/release/corpus scripts/spark_job.py \\
        'hdfs:///news/shards/*.jsonl' hdfs:///news/records

Options after the two paths: --partitions N (minPartitions, default: Spark's),
--corpus CMD (default ./corpus), --threads N (passed as -j; default 1, one
core per task: set it to spark.task.cpus if that is more).
"""

from __future__ import annotations

import argparse
import shlex


def command(corpus: str = "./corpus", threads: int = 1) -> str:
    """The shell command each partition is piped through."""
    return shlex.join([corpus, "scan", "--format", "jsonl", "--quiet", "-j", str(threads), "--stdin-format", "jsonl", "-"])


def scan(sc, inputs: str, output: str, pipe: str, partitions: int | None = None) -> int:
    """Pipe the records of `inputs` (paths or globs, comma-separated) through
    `pipe` and save them under `output`; returns the number of partitions.

    `checkCode=True` fails the task, and so the job, if corpus exits with an
    error status; corpus's own notices about bad records go to the
    executor's standard error log.
    """
    lines = sc.textFile(inputs, minPartitions=partitions) if partitions else sc.textFile(inputs)
    lines.pipe(pipe, checkCode=True).saveAsTextFile(output)
    return lines.getNumPartitions()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inputs", help="JSONL shards: paths or globs, comma-separated")
    ap.add_argument("output", help="folder for the records (must not exist)")
    ap.add_argument("--partitions", type=int, help="minPartitions for textFile")
    ap.add_argument("--corpus", default="./corpus", help="the corpus binary on the executors")
    ap.add_argument("--threads", type=int, default=1, help="corpus -j on each executor")
    args = ap.parse_args()

    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("corpus-scan").getOrCreate()
    try:
        scan(spark.sparkContext, args.inputs, args.output, command(args.corpus, args.threads), args.partitions)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()

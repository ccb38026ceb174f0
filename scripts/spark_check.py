#!/usr/bin/env python3
"""Run `corpus` as the mapper of an Apache Spark job and check it matches a local run.

What it does
    1. Takes a folder of JSONL shards (`--shards`), or makes one: the fixture
       articles (fixtures/articles/*.txt, fixtures/seeds/*.txt) repeated until
       there are `--records` records (default 2,000), split into 8 files
       part-0000.jsonl ... part-0007.jsonl, one record a line:
       {"id": "<unique>", "text": "...", "published": null}, with a
       `published` date (a day, or a UTC timestamp) on half of them.
    2. Spark, in local mode (`local[2]`): reads the shards with
       `sc.textFile(glob, minPartitions=N)`, pipes every partition through
       `corpus scan --format jsonl --quiet --stdin-format jsonl -` with
       `RDD.pipe(..., checkCode=True)` (the job of scripts/spark_job.py), and saves the output lines under
       OUT/spark/.
    3. Locally: `corpus scan --format jsonl --quiet --ext jsonl SHARD_DIR`
       into OUT/local.jsonl (the shards in sorted order, a record a line).
    4. Compares the two: records keyed by `id`, every field equal except
       `path` (`FILE#LINE` locally, `-#LINE` through the pipe). Prints the
       counts and the first differences; exits 1 on any difference, missing
       or extra record, 0 when the two runs agree.
    5. Prints how the same job runs on a cluster.

    `--stdin-format jsonl` is passed on the pipe so that a partition is always
    read as records (with the default `auto`, an empty partition would be
    taken for one empty text article). Shard files that hold no record are
    left out of the Spark input, because corpus exits with an error on an
    input with no article and `checkCode=True` would fail the job.

How to run
    From the repository root, after `cargo build --release`:

        pip install pyspark
        python3 scripts/spark_check.py
        python3 scripts/spark_check.py --shards data/shards --partitions 8 --out /tmp/check

    Options: --shards DIR (default: made in a temporary folder),
    --records N (size of the made shards, default 2000), --corpus-bin PATH
    (default target/release/corpus), --partitions N (minPartitions, default
    4), --out DIR (where both outputs are kept; must be empty or new;
    default: a temporary folder, removed at the end).

What it needs
    Python 3.9+, pyspark (4.x needs Java 17 or newer on PATH or in
    JAVA_HOME), a release build of corpus, and the repository's fixtures/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import spark_job  # scripts/spark_job.py: the job itself

REPO = Path(__file__).resolve().parent.parent
FIXTURE_DIRS = (REPO / "fixtures" / "articles", REPO / "fixtures" / "seeds")
SHARDS = 8
SHOW_DIFFS = 5


def make_shards(dest: Path, records: int) -> None:
    """Write `records` records made from the fixture articles into SHARDS JSONL files."""
    sources = sorted(p for d in FIXTURE_DIRS for p in d.glob("*.txt"))
    if not sources:
        sys.exit(f"spark_check: no fixture articles under {', '.join(map(str, FIXTURE_DIRS))}")
    texts = [(f"{p.parent.name}-{p.stem}", p.read_text(encoding="utf-8")) for p in sources]
    rows = []
    day0 = dt.date(2025, 1, 1)
    for i in range(records):
        copy = i // len(texts)
        name, text = texts[i % len(texts)]
        day = day0 + dt.timedelta(days=(i * 7) % 365)
        published = {1: day.isoformat(), 3: f"{day.isoformat()}T06:30:00Z"}.get(i % 4)
        rows.append({"id": f"{name}-{copy:03d}", "text": text, "published": published})
    for k in range(SHARDS):
        part = rows[k * len(rows) // SHARDS : (k + 1) * len(rows) // SHARDS]
        with open(dest / f"part-{k:04d}.jsonl", "w", encoding="utf-8") as f:
            for row in part:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")


def run_spark(binary: Path, shards: list, partitions: int, out: Path) -> tuple:
    """Pipe the shards through corpus on Spark; save the lines under `out`.

    Returns the seconds of the job, and of starting and stopping Spark.
    """
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    begin = time.perf_counter()
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("corpus-spark-check")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    job = 0.0
    try:
        sc = spark.sparkContext
        sc.setLogLevel("WARN")
        # The job a cluster runs (scripts/spark_job.py), with the local binary.
        command = spark_job.command(str(binary))
        start = time.perf_counter()
        n = spark_job.scan(sc, ",".join(shards), str(out), command, partitions)
        job = time.perf_counter() - start
        print(f"spark {spark.version}: {n} partitions, pipe: {command}", flush=True)
    finally:
        spark.stop()
    return job, time.perf_counter() - begin - job


def run_local(binary: Path, shard_dir: Path, out: Path) -> float:
    start = time.perf_counter()
    with open(out, "wb") as f:
        subprocess.run(
            [str(binary), "scan", "--format", "jsonl", "--quiet", "--ext", "jsonl", str(shard_dir)],
            stdout=f,
            check=True,
        )
    return time.perf_counter() - start


def load(lines, side: str, problems: list) -> dict:
    """Records by id; unreadable lines, records without an id and repeated ids go to `problems`."""
    records = {}
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"{side}: line {n} is not JSON ({e})")
            continue
        key = rec.get("id")
        if key is None:
            problems.append(f"{side}: record {rec.get('path')} has no id")
        elif key in records:
            problems.append(f"{side}: id {key} appears more than once")
        else:
            records[key] = rec
    return records


def short(value) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 160 else text[:157] + "..."


def compare(local: dict, spark: dict, problems: list) -> int:
    """Count the records that differ; describe the first few in `problems`."""
    missing = sorted(local.keys() - spark.keys())
    extra = sorted(spark.keys() - local.keys())
    for key in missing[:SHOW_DIFFS]:
        problems.append(f"missing from Spark: {key}")
    for key in extra[:SHOW_DIFFS]:
        problems.append(f"only in Spark: {key}")
    differing = 0
    for key in sorted(local.keys() & spark.keys()):
        a = {k: v for k, v in local[key].items() if k != "path"}
        b = {k: v for k, v in spark[key].items() if k != "path"}
        if a == b:
            continue
        differing += 1
        if differing <= SHOW_DIFFS:
            for field in sorted(a.keys() | b.keys()):
                if a.get(field) != b.get(field):
                    problems.append(
                        f"{key}: field {field!r} differs\n    local: {short(a.get(field))}\n    spark: {short(b.get(field))}"
                    )
                    break
    print(f"missing from Spark: {len(missing)}, only in Spark: {len(extra)}, differing: {differing}")
    return len(missing) + len(extra) + differing


def cluster_note(partitions: int) -> str:
    return f"""
On a cluster: the same job (scripts/spark_job.py), with the binary shipped to the executors.
  spark-submit --master yarn --deploy-mode cluster --files target/release/corpus \\
      scripts/spark_job.py 'hdfs:///news/shards/*.jsonl' hdfs:///news/records --partitions {partitions}
  (or --master k8s://https://HOST:443 with an image that holds Python; S3 paths as s3a://bucket/...)
`--files` puts `corpus` in each executor's working directory, where the job calls it as `./corpus`;
build it for the executors' OS and CPU (a static musl build avoids glibc mismatches),
and pass --threads N to match spark.task.cpus."""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shards", type=Path, help="folder of .jsonl shards (default: made from the fixtures)")
    ap.add_argument("--records", type=int, default=2000, help="records in the made shards (default 2000)")
    ap.add_argument("--corpus-bin", type=Path, default=REPO / "target" / "release" / "corpus")
    ap.add_argument("--partitions", type=int, default=4, help="minPartitions for textFile (default 4)")
    ap.add_argument("--out", type=Path, help="folder for both outputs, empty or new (default: temporary)")
    args = ap.parse_args()

    binary = args.corpus_bin.resolve()
    if not os.access(binary, os.X_OK):
        sys.exit(f"spark_check: {binary} is not an executable; build it with `cargo build --release`")
    if args.out and args.out.exists() and any(args.out.iterdir()):
        sys.exit(f"spark_check: --out {args.out} is not empty")

    started = time.perf_counter()
    temps = []
    if args.shards is None:
        shard_dir = Path(tempfile.mkdtemp(prefix="spark-shards-"))
        temps.append(shard_dir)
        make_shards(shard_dir, args.records)
    else:
        shard_dir = args.shards.resolve()
    if args.out is None:
        out = Path(tempfile.mkdtemp(prefix="spark-check-"))
        temps.append(out)
    else:
        out = args.out.resolve()
        out.mkdir(parents=True, exist_ok=True)

    try:
        files = sorted(shard_dir.glob("*.jsonl"))
        inputs = [str(f) for f in files if any(line.strip() for line in open(f, encoding="utf-8"))]
        if not inputs:
            sys.exit(f"spark_check: no records in {shard_dir}/*.jsonl")
        size = sum(f.stat().st_size for f in files) / 1e6
        print(f"shards: {shard_dir}: {len(files)} files ({len(files) - len(inputs)} empty), {size:.1f} MB", flush=True)

        local_seconds = run_local(binary, shard_dir, out / "local.jsonl")
        print(f"local run: {local_seconds:.1f} s", flush=True)
        spark_seconds, overhead = run_spark(binary, inputs, args.partitions, out / "spark")
        print(f"spark job: {spark_seconds:.1f} s (starting and stopping Spark: {overhead:.1f} s more)", flush=True)

        problems = []
        local = load(open(out / "local.jsonl", encoding="utf-8"), "local", problems)
        spark_lines = []
        for part in sorted((out / "spark").glob("part-*")):
            spark_lines.extend(open(part, encoding="utf-8"))
        spark = load(spark_lines, "spark", problems)
        print(f"records: local {len(local)}, spark {len(spark)}")
        bad_paths = sum(not str(r.get("path", "")).startswith("-#") for r in spark.values())
        if bad_paths:
            problems.append(f"spark: {bad_paths} records whose path is not -#LINE")
        differences = compare(local, spark, problems)
        for p in problems[: 3 * SHOW_DIFFS]:
            print("  " + p)
        same = not problems and differences == 0
        total = time.perf_counter() - started
        print(
            f"{'IDENTICAL' if same else 'DIFFERENT'}: {len(local)} records compared on every field but `path`; "
            f"total {total:.1f} s (local run {local_seconds:.1f} s, spark job {spark_seconds:.1f} s, "
            f"spark start/stop {overhead:.1f} s)"
            + (f"; outputs kept in {out}" if args.out else "")
        )
        print(cluster_note(args.partitions))
        return 0 if same else 1
    finally:
        for t in temps:
            shutil.rmtree(t, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

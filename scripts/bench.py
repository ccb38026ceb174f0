#!/usr/bin/env python3
"""End-to-end speed of `corpus scan` on a large mixed corpus.

Builds a corpus of about --mb megabytes from the fixture articles (Bengali,
Hindi and English mixed: fixtures/articles and fixtures/seeds, copied over and
over) twice over: as a folder of .txt files and as one JSONL file. Then times
`corpus scan --format jsonl` on it with one and two threads, several runs each,
under /usr/bin/time -v, and reports the median MB/s and articles/s, the peak
memory, and the start-up time (a scan of one small file). The one- and
two-thread runs take turns, and two threads' speed-up is the median of the
ratios of runs made back to back: on a shared machine whose speed moves
within minutes, a ratio of medians taken minutes apart says more about the
machine than about `corpus`.

Run from the repository root (builds the release binary first):

    python3 scripts/bench.py                 # ~200 MB, 3 runs each
    python3 scripts/bench.py --mb 1000 --runs 1 --only-jsonl   # memory on 1 GB
    python3 scripts/bench.py --markdown      # the table for the README
    python3 scripts/bench.py --no-model      # also without the tagger
    python3 scripts/bench.py --fresh         # also on text never repeated
    python3 scripts/bench.py --against /tmp/corpus-before   # and an earlier build, interleaved
    python3 scripts/bench.py --made-up 40    # also 40 MB of made-up words (memory's worst case)

The fixture corpus repeats its articles, and `corpus` remembers what it has
worked out about each word across articles, so `--fresh` also times text whose
sentences each occur once (the labelled sentences of ../shared/train, 20 to a
record): the lower figure, for an archive of mostly new vocabulary. And
`--made-up MB` times text of words made up at random from Bengali and
Devanagari letters, hardly one repeated: every word is new, so what `corpus`
keeps per word fills to its bound, the peak memory's worst case.

Needs: Python 3, cargo, GNU time (/usr/bin/time).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / "target" / "release" / "corpus"


def fixture_texts() -> list[tuple[str, str]]:
    out = []
    for d in ("articles", "seeds"):
        for p in sorted((ROOT / "fixtures" / d).glob("*.txt")):
            out.append((p.stem, p.read_text(encoding="utf-8")))
    return out


def build_corpus(dest: Path, mb: int) -> tuple[Path, Path, int, int]:
    """The folder and the JSONL file of about `mb` MB; reused when present."""
    files = dest / "files"
    jsonl = dest / "corpus.jsonl"
    stamp = dest / "built.json"
    want = {"mb": mb, "fixtures": [n for n, _ in fixture_texts()]}
    if stamp.exists() and json.loads(stamp.read_text()) == want:
        meta = json.loads((dest / "meta.json").read_text())
        return files, jsonl, meta["articles"], meta["bytes"]
    files.mkdir(parents=True, exist_ok=True)
    for old in files.glob("*.txt"):
        old.unlink()
    texts = fixture_texts()
    target = mb * 1_000_000
    written = articles = 0
    with jsonl.open("w", encoding="utf-8") as out:
        copy = 0
        while written < target:
            for name, text in texts:
                path = files / f"{copy:05d}_{name}.txt"
                path.write_text(text, encoding="utf-8")
                record = {"id": f"{copy}-{name}", "text": text}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                written += len(text.encode("utf-8"))
                articles += 1
                if written >= target:
                    break
            copy += 1
    (dest / "meta.json").write_text(json.dumps({"articles": articles, "bytes": written}))
    stamp.write_text(json.dumps(want))
    return files, jsonl, articles, written


def build_fresh(dest: Path) -> tuple[Path, int, int] | None:
    """The labelled sentences of ../shared/train as one JSONL file, 20 to a
    record, each once; None without the data."""
    train = ROOT.parent / "shared" / "train"
    paths = sorted(train.glob("*-train.txt"))
    if not paths:
        return None
    sys.path.insert(0, str(ROOT / "scripts"))
    from ner_data import sentences

    dest.mkdir(parents=True, exist_ok=True)
    out_path = dest / "fresh.jsonl"
    records = size = 0
    with out_path.open("w", encoding="utf-8") as out:
        for path in paths:
            batch = []
            for sent in sentences(path):
                batch.append(" ".join(tok for tok, _ in sent))
                if len(batch) == 20:
                    text = " ".join(batch)
                    out.write(json.dumps({"id": f"{path.stem}-{records}", "text": text}, ensure_ascii=False) + "\n")
                    records += 1
                    size += len(text.encode("utf-8"))
                    batch = []
    return out_path, records, size


def build_made_up(dest: Path, mb: int) -> tuple[Path, int, int]:
    """About `mb` MB of sentences of made-up words, Bengali and Devanagari
    records in turn, 480 words to a record, from a fixed seed; reused when
    present."""
    import random

    dest.mkdir(parents=True, exist_ok=True)
    out_path = dest / f"made-up-{mb}mb.jsonl"
    meta_path = dest / f"made-up-{mb}mb.json"
    if out_path.exists() and meta_path.exists():
        meta = json.loads(meta_path.read_text())
        return out_path, meta["records"], meta["bytes"]
    rng = random.Random(7)
    # Consonants and vowel signs of each script (no nukta forms).
    bengali = ([chr(c) for c in range(0x995, 0x9BA) if c not in (0x9A9, 0x9B1, 0x9B3, 0x9B4, 0x9B5)],
               ["\u09be", "\u09bf", "\u09c0", "\u09c1", "\u09c7", "\u09cb", ""])
    devanagari = ([chr(c) for c in range(0x915, 0x93A)],
                  ["\u093e", "\u093f", "\u0940", "\u0941", "\u0947", "\u094b", ""])
    records = size = 0
    with out_path.open("w", encoding="utf-8") as out:
        while size < mb * 1_000_000:
            letters, signs = bengali if records % 2 == 0 else devanagari
            sentences = []
            for _ in range(40):
                words = ("".join(rng.choice(letters) + rng.choice(signs) for _ in range(rng.randint(2, 4)))
                         for _ in range(12))
                sentences.append(" ".join(words) + "\u0964")
            text = " ".join(sentences)
            out.write(json.dumps({"id": f"made-up-{records}", "text": text}, ensure_ascii=False) + "\n")
            records += 1
            size += len(text.encode("utf-8"))
    meta_path.write_text(json.dumps({"records": records, "bytes": size}))
    return out_path, records, size


def timed(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak resident KB of one run (output discarded)."""
    with open(os.devnull, "wb") as null:
        res = subprocess.run(["/usr/bin/time", "-v", *cmd], stdout=null, stderr=subprocess.PIPE, text=True)
    if res.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed:\n{res.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", res.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", res.stderr)
    h, m, s = wall.groups()
    return int(h or 0) * 3600 + int(m) * 60 + float(s), int(rss.group(1))


# The thread counts timed; the target is two threads' speed-up over one.
THREADS = (1, 2)


def machine() -> str:
    model = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {model or platform.processor()}, {platform.system()} {platform.release()}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=int, default=200, help="corpus size in MB (default 200)")
    ap.add_argument("--runs", type=int, default=3, help="runs per configuration; the median is reported")
    ap.add_argument("--dir", type=Path, default=ROOT / "target" / "bench-corpus", help="where the corpus is built")
    ap.add_argument("--only-jsonl", action="store_true", help="time only the JSONL input")
    ap.add_argument("--markdown", action="store_true", help="print the results as a Markdown table")
    ap.add_argument("--fresh", action="store_true",
                    help="also time the labelled sentences of ../shared/train, each once (new words)")
    ap.add_argument("--made-up", type=int, metavar="MB",
                    help="also time MB megabytes of made-up words, hardly one repeated (memory's worst case)")
    ap.add_argument("--no-model", action="store_true",
                    help="also time every configuration with --no-model (names from the rules alone)")
    ap.add_argument("--against", type=Path, metavar="BINARY",
                    help="also time another corpus binary (an earlier build), its runs interleaved with "
                         "this build's, so that a change is measured under the same load")
    args = ap.parse_args()

    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    files, jsonl, articles, size = build_corpus(args.dir / f"{args.mb}mb", args.mb)
    mb = size / 1e6
    rows = []
    inputs = [("JSONL file", str(jsonl), articles, size)]
    if not args.only_jsonl:
        inputs.insert(0, ("folder of .txt", str(files), articles, size))
    if args.fresh:
        fresh = build_fresh(args.dir / "fresh")
        if fresh is None:
            print("bench: no ../shared/train: --fresh skipped", file=sys.stderr)
        else:
            inputs.append(("JSONL, sentences never repeated", str(fresh[0]), fresh[1], fresh[2]))
    if args.made_up:
        made_up = build_made_up(args.dir / "made-up", args.made_up)
        inputs.append(("JSONL, made-up words", str(made_up[0]), made_up[1], made_up[2]))
    modes = [("", [])] + ([(" (no model)", ["--no-model"])] if args.no_model else [])
    bins = [("", BIN)] + ([(f" [{args.against}]", args.against)] if args.against else [])
    for label, path, n_articles, n_bytes in inputs:
        mb_in = n_bytes / 1e6
        for suffix, flags in modes:
            # runs[(build, threads)]: (seconds, peak KB) of each round of runs.
            runs: dict[tuple[str, int], list] = {(name, t): [] for name, _ in bins for t in THREADS}
            for k in range(args.runs):
                # One and two threads, and the builds, take turns within a
                # round, each going first in every other round: the shared
                # machine's speed moves by half within minutes, so a ratio is
                # only fair between runs made under the same load, and
                # whatever it does to the first run of a round falls on each
                # in turn.
                for threads in THREADS if k % 2 == 0 else THREADS[::-1]:
                    for name, binary in bins if k % 2 == 0 else bins[::-1]:
                        cmd = [str(binary), "scan", "--quiet", "--format", "jsonl", "-j", str(threads), *flags, path]
                        runs[(name, threads)].append(timed(cmd))
            for name, _ in bins:
                for threads in THREADS:
                    times = runs[(name, threads)]
                    secs = statistics.median(r[0] for r in times)
                    rss = max(r[1] for r in times)
                    # Two threads' speed-up: the median of each round's ratio.
                    gain = (statistics.median(one[0] / two[0] for one, two in zip(runs[(name, 1)], times))
                            if threads == 2 else None)
                    row = label + suffix + name
                    rows.append((row, threads, secs, mb_in / secs, n_articles / secs, rss / 1024, gain))
                    told = f"  {gain:4.2f}x one thread (paired)" if gain else ""
                    print(f"{row:28} -j{threads}: {secs:7.2f} s  {mb_in / secs:7.2f} MB/s  "
                          f"{n_articles / secs:8.0f} articles/s  peak {rss / 1024:6.1f} MB{told}", file=sys.stderr)
    small = ROOT / "fixtures" / "articles"
    small_file = sorted(small.glob("*_en_*.txt"))[0]
    starts = []
    for _ in range(max(5, args.runs)):
        t = time.perf_counter()
        subprocess.run([str(BIN), "scan", "--quiet", "--format", "jsonl", str(small_file)], stdout=subprocess.DEVNULL, check=True)
        starts.append(time.perf_counter() - t)
    start = statistics.median(starts)

    print(f"machine: {machine()}")
    print(f"corpus: {articles} articles, {mb:.1f} MB (fixture articles, Bengali, Hindi and English mixed); "
          f"median of {args.runs} runs")
    if args.markdown:
        print("\n| input | threads | seconds | MB/s | articles/s | peak memory | × one thread |")
        print("|---|---|---|---|---|---|---|")
        for label, threads, secs, mbs, arts, rss, gain in rows:
            times = f"{gain:.2f}" if gain else ""
            print(f"| {label} | {threads} | {secs:.2f} | {mbs:.1f} | {arts:,.0f} | {rss:.0f} MB | {times} |")
        print(f"\nStart-up (one {small_file.stat().st_size:,}-byte article, all extractors): {start * 1000:.0f} ms")
    else:
        for label, threads, secs, mbs, arts, rss, gain in rows:
            times = f"  {gain:4.2f}x one thread" if gain else ""
            print(f"{label:28} -j{threads}  {secs:7.2f} s  {mbs:7.2f} MB/s  {arts:8.0f} articles/s  "
                  f"peak {rss:6.1f} MB{times}")
        print(f"start-up (one small article): {start * 1000:.0f} ms")


if __name__ == "__main__":
    main()

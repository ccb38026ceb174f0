#!/usr/bin/env python3
"""Side-by-side speed comparison of `corpus` and two Python peers on one corpus.

What it does
    Times, on the same folder of .txt articles:

    * spaCy: a blank tokenizer (`spacy.blank("bn")`, or "hi" for articles
      written mostly in Devanagari, "en" for articles mostly in Latin letters)
      and a `PhraseMatcher` loaded with the same surface forms `corpus` looks
      up: every name, alias and adjective of data/gazetteer/people.tsv and
      data/gazetteer/places.tsv. Each article is matched with
      `matcher(nlp.make_doc(text))`.
    * dateparser: `dateparser.search.search_dates(text, languages=[...])` on
      each article of the first `--dateparser-mb` MB of the corpus (it is
      slow), with the languages whose script makes up at least 10% of the
      article's letters, most used first.
    * corpus: `corpus scan --format jsonl -j1` and `-j2` (all extractors), and
      `corpus scan --format jsonl --only dates -j1`, on the whole corpus, the
      output going to /dev/null.

    Each tool runs `--runs` times and the median wall time is reported, with
    MB/s (1 MB = 1,000,000 bytes of UTF-8 text), articles/s and the ratio of
    corpus's throughput (-j1, all extractors) to that tool's.

    What the times cover: for corpus, the whole process (start-up, building
    its name index, reading the files, writing JSON). For the Python peers,
    only the loop over the articles, with the texts already in memory; the
    one-off set-up (building the matchers, dateparser's first call per
    language) is timed separately and printed under the table. The
    comparison therefore leans in the peers' favour. Note also that the
    peers do less: the matcher finds exact token sequences (no spelling
    variants, no disambiguation, no dates or events) and dateparser finds
    dates only, where corpus also resolves them against the article's own
    dateline.

How to run
    From the repository root, after `cargo build --release`:

        pip install spacy dateparser
        python3 scripts/peers.py                   # builds a ~20 MB corpus from the fixtures
        python3 scripts/peers.py --corpus ~/news --runs 5 --markdown

    Options: --corpus DIR (a folder of .txt articles, read recursively in
    sorted order, hidden entries skipped; default: a temporary folder filled
    with copies of fixtures/articles/*.txt and fixtures/seeds/*.txt up to
    --build-mb MB), --corpus-bin PATH (default target/release/corpus),
    --dateparser-mb N (default 2), --runs K (default 3), --markdown (print the
    table as Markdown, for the README).

What it needs
    Python 3.9+, the packages spacy and dateparser (no spaCy model: the
    blank tokenizers ship with spacy), a release build of corpus, and the
    repository's data/gazetteer/*.tsv and fixtures/.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURE_DIRS = (REPO / "fixtures" / "articles", REPO / "fixtures" / "seeds")
PEOPLE_TSV = REPO / "data" / "gazetteer" / "people.tsv"
PLACES_TSV = REPO / "data" / "gazetteer" / "places.tsv"
MB = 1_000_000

# Letters of each script, used to pick a tokenizer and dateparser's languages.
SCRIPTS = {
    "bn": re.compile(r"[\u0980-\u09FF]"),
    "hi": re.compile(r"[\u0900-\u097F]"),
    "en": re.compile(r"[A-Za-z]"),
}


@dataclass
class Article:
    path: Path
    text: str
    size: int  # bytes of UTF-8
    lang: str  # the script with the most letters: bn, hi or en
    languages: list  # for dateparser: scripts with >= 10% of the letters


@dataclass
class Result:
    tool: str
    mb: float
    articles: int
    seconds: float  # median wall time

    @property
    def mb_per_s(self) -> float:
        return self.mb / self.seconds

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds


# ---------------------------------------------------------------- the corpus


def build_corpus(dest: Path, target_mb: float) -> None:
    """Fill `dest` with copies of the fixture articles until it holds `target_mb` MB."""
    sources = sorted(p for d in FIXTURE_DIRS for p in d.glob("*.txt"))
    if not sources:
        sys.exit(f"peers: no fixture articles under {', '.join(map(str, FIXTURE_DIRS))}")
    texts = [(f"{p.parent.name}_{p.name}", p.read_bytes()) for p in sources]
    total, copy = 0, 0
    while total < target_mb * MB:
        for name, data in texts:
            (dest / f"{copy:05d}_{name}").write_bytes(data)
            total += len(data)
        copy += 1


def article_paths(root: Path) -> list:
    """The .txt files under `root`, recursively, in sorted order, hidden entries skipped."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found.extend(
            Path(dirpath, f) for f in sorted(filenames) if f.endswith(".txt") and not f.startswith(".")
        )
    return found


def load_articles(root: Path) -> list:
    articles = []
    for path in article_paths(root):
        data = path.read_bytes()
        text = data.decode("utf-8", errors="replace")
        counts = {lang: len(rx.findall(text)) for lang, rx in SCRIPTS.items()}
        letters = sum(counts.values())
        ranked = sorted(counts, key=lambda lang: -counts[lang])
        lang = ranked[0] if letters else "bn"
        languages = [lg for lg in ranked if letters and counts[lg] >= 0.1 * letters] or [lang]
        articles.append(Article(path, text, len(data), lang, languages))
    return articles


def head_mb(articles: list, mb: float) -> list:
    """The first articles, in order, up to `mb` MB (at least one)."""
    out, total = [], 0
    for a in articles:
        if out and total + a.size > mb * MB:
            break
        out.append(a)
        total += a.size
    return out


def megabytes(articles: list) -> float:
    return sum(a.size for a in articles) / MB


# ---------------------------------------------------------------- the peers


def gazetteer_phrases() -> dict:
    """Every surface form corpus looks up, by kind: {"PERSON": [...], "PLACE": [...]}.

    people.tsv: id, name, role, country, names (|-separated), aliases (|-separated).
    places.tsv: id, name, kind, country, lat, lon, names (|-separated), adjectives (|-separated).
    Like corpus, the canonical name counts as a surface form too.
    """

    def read(path: Path, columns: tuple) -> list:
        forms = set()
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            for i in columns:
                if i < len(cols):
                    forms.update(s.strip() for s in cols[i].split("|") if s.strip())
        return sorted(forms)

    return {"PERSON": read(PEOPLE_TSV, (1, 4, 5)), "PLACE": read(PLACES_TSV, (1, 6, 7))}


def time_runs(runs: int, fn) -> float:
    """The median wall time of `runs` calls of fn()."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_spacy(articles: list, runs: int, notes: list) -> Result:
    import spacy
    from spacy.matcher import PhraseMatcher

    phrases = gazetteer_phrases()
    start = time.perf_counter()
    tools = {}  # lang -> (nlp, matcher); the patterns are tokenized by the same tokenizer
    for lang in sorted({a.lang for a in articles}):
        nlp = spacy.blank(lang)
        matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for label, forms in phrases.items():
            matcher.add(label, list(nlp.tokenizer.pipe(forms)))
        tools[lang] = (nlp, matcher)
    setup = time.perf_counter() - start
    patterns = sum(map(len, phrases.values()))

    found = [0]

    def once():
        n = 0
        for a in articles:
            nlp, matcher = tools[a.lang]
            n += len(matcher(nlp.make_doc(a.text)))
        found[0] = n

    seconds = time_runs(runs, once)
    notes.append(
        f"spaCy: {patterns:,} patterns, matcher set-up {setup:.1f} s for "
        f"{', '.join(sorted(tools))} (not in the time); {found[0]:,} matches per run"
    )
    return Result(f"spaCy {spacy.__version__} blank tokenizer + PhraseMatcher", megabytes(articles), len(articles), seconds)


def run_dateparser(articles: list, runs: int, notes: list) -> Result:
    import dateparser
    from dateparser.search import search_dates

    start = time.perf_counter()
    for langs in sorted({tuple(a.languages) for a in articles}):
        search_dates("1 January 2020", languages=list(langs))  # loads each language's data once
    setup = time.perf_counter() - start

    found = [0]

    def once():
        n = 0
        for a in articles:
            n += len(search_dates(a.text, languages=a.languages) or ())
        found[0] = n

    seconds = time_runs(runs, once)
    notes.append(f"dateparser: warm-up {setup:.1f} s (not in the time); {found[0]:,} dates per run")
    return Result(f"dateparser {dateparser.__version__} search_dates", megabytes(articles), len(articles), seconds)


def run_corpus(binary: Path, root: Path, extra: list, label: str, articles: list, runs: int) -> Result:
    cmd = [str(binary), "scan", "--format", "jsonl", "--quiet", "--ext", "txt", *extra, str(root)]

    def once():
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)

    return Result(label, megabytes(articles), len(articles), time_runs(runs, once))


def corpus_startup(binary: Path, runs: int) -> float:
    """Wall time of a corpus run on a one-line article: start-up and index build."""
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp, "one.txt")
        one.write_text("Dhaka, 17 November 2024: nothing happened.\n", encoding="utf-8")
        cmd = [str(binary), "scan", "--format", "jsonl", "--quiet", "-j1", str(one)]
        return time_runs(runs, lambda: subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True))


# ---------------------------------------------------------------- the report


def machine() -> list:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor() or model
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [f"machine: nproc {cores}, {model}", f"python {platform.python_version()}, {platform.platform()}"]


def table(results: list, base: Result, markdown: bool) -> str:
    head = ["tool", "MB", "seconds (median)", "MB/s", "articles/s", "corpus -j1 / tool"]
    rows = [
        [
            r.tool,
            f"{r.mb:.1f}",
            f"{r.seconds:.2f}",
            f"{r.mb_per_s:.2f}",
            f"{r.articles_per_s:,.0f}",
            f"{base.mb_per_s / r.mb_per_s:.2f}x",
        ]
        for r in results
    ]
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head))]
    fmt = lambda row: "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths)))
    return "\n".join([fmt(head), "  ".join("-" * w for w in widths), *map(fmt, rows)])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, help="folder of .txt articles (default: build one from the fixtures)")
    ap.add_argument("--build-mb", type=float, default=20, help="size of the default corpus in MB (default 20)")
    ap.add_argument("--corpus-bin", type=Path, default=REPO / "target" / "release" / "corpus")
    ap.add_argument("--dateparser-mb", type=float, default=2, help="MB of the corpus given to dateparser (default 2)")
    ap.add_argument("--runs", type=int, default=3, help="runs per tool; the median is reported (default 3)")
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = ap.parse_args()

    binary = args.corpus_bin.resolve()
    if not os.access(binary, os.X_OK):
        sys.exit(f"peers: {binary} is not an executable; build it with `cargo build --release`")
    if args.runs < 1:
        sys.exit("peers: --runs must be at least 1")

    tmp = None
    if args.corpus is None:
        tmp = tempfile.mkdtemp(prefix="peers-corpus-")
        root = Path(tmp)
        build_corpus(root, args.build_mb)
    else:
        root = args.corpus
    try:
        articles = load_articles(root)
        if not articles:
            sys.exit(f"peers: no .txt articles under {root}")
        sample = head_mb(articles, args.dateparser_mb)
        by_lang = {lg: sum(a.lang == lg for a in articles) for lg in SCRIPTS}
        print(f"corpus: {root}{' (built from the fixtures)' if tmp else ''}: {len(articles):,} articles, "
              f"{megabytes(articles):.1f} MB (bn {by_lang['bn']}, hi {by_lang['hi']}, en {by_lang['en']}); "
              f"dateparser sample {len(sample):,} articles, {megabytes(sample):.1f} MB; {args.runs} runs each",
              flush=True)

        notes = []
        results = []
        steps = [
            ("corpus -j1", lambda: run_corpus(binary, root, ["-j1"], "corpus scan -j1 (all extractors)", articles, args.runs)),
            ("corpus -j2", lambda: run_corpus(binary, root, ["-j2"], "corpus scan -j2 (all extractors)", articles, args.runs)),
            ("corpus --only dates", lambda: run_corpus(binary, root, ["--only", "dates", "-j1"], "corpus scan --only dates -j1", articles, args.runs)),
            ("spaCy", lambda: run_spacy(articles, args.runs, notes)),
            ("dateparser", lambda: run_dateparser(sample, args.runs, notes)),
        ]
        for name, step in steps:
            print(f"  timing {name} ...", file=sys.stderr, flush=True)
            results.append(step())
        startup = corpus_startup(binary, args.runs)
        notes.insert(0, f"corpus: start-up and index build {startup:.2f} s per process (in its time)")
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)

    import dateparser
    import spacy

    version = subprocess.run([str(binary), "--version"], capture_output=True, text=True).stdout.strip()
    print()
    for line in machine():
        print(line)
    print(f"versions: {version}, spacy {spacy.__version__}, dateparser {dateparser.__version__}")
    print()
    print(table(results, results[0], args.markdown))
    print()
    for note in notes:
        print(("- " if args.markdown else "") + note)
    return 0


if __name__ == "__main__":
    sys.exit(main())

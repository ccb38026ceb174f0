#!/usr/bin/env python3
"""Measures people and places extraction on labelled sentences the project
never trains or tunes on: every fifth sentence of the Bengali Rifat1493 train
file (the sentences scripts/gen_common_words.py leaves out) and the Hindi
IL-NER dev split. Sentences are grouped into pseudo-articles of 20, run
through `corpus scan --format jsonl`, and every gold PER / LOC entity (its
token span) is compared with the mentions corpus reports, by overlap.

    cargo build --release
    python3 scripts/eval_heldout.py [--train ../shared/train] [--show 20]
"""
import argparse
import json
import os
import subprocess
import sys
from ner_data import bn_held_out, sentences

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PERSON = {"PER", "NEP"}
PLACE = {"LOC", "NEL"}
GROUP = 20


def entities(sent, offsets):
    """(kind, start, end) in code points for PER and LOC entities."""
    out = []
    cur = None
    for (tok, tag), (s, e) in zip(sent, offsets):
        label = tag[2:] if tag[:2] in ("B-", "I-") else None
        kind = "person" if label in PERSON else "place" if label in PLACE else None
        if tag.startswith("B-") or kind is None or cur is None or cur[0] != kind:
            if cur:
                out.append(tuple(cur))
            cur = [kind, s, e] if kind else None
        else:
            cur[2] = e
    if cur:
        out.append(tuple(cur))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", default=os.path.join(ROOT, "..", "shared", "train"))
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "corpus"))
    ap.add_argument("--show", type=int, default=0, help="print this many misses and false positives")
    a = ap.parse_args()
    sets = {
        "bn": [s for i, s in enumerate(sentences(os.path.join(a.train, "bn-rifat1493-train.txt"))) if bn_held_out(i)],
        "hi": list(sentences(os.path.join(a.train, "hi-ilner-dev.txt"))),
    }
    for lang, sents in sets.items():
        records, golds = [], []
        for g in range(0, len(sents), GROUP):
            text, gold = "", []
            for sent in sents[g:g + GROUP]:
                offsets = []
                for tok, _ in sent:
                    start = len(text)
                    text += tok + " "
                    offsets.append((start, start + len(tok)))
                text = text.rstrip() + "\n"
                gold += entities(sent, offsets)
            records.append({"id": f"{lang}-{g}", "text": text})
            golds.append((text, gold))
        inp = "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n"
        out = subprocess.run([a.bin, "scan", "--format", "jsonl", "--only", "people,places", "-q", "-"],
                             input=inp.encode(), capture_output=True, check=True).stdout.decode()
        preds = [json.loads(l) for l in out.splitlines()]
        for kind, field in (("person", "people"), ("place", "places")):
            tp = fp = fn = 0
            misses, extras = [], []
            for (text, gold), p in zip(golds, preds):
                spans = [(m["start"], m["end"]) for e in p[field] for m in e["mentions"]]
                g = [(s, e) for k, s, e in gold if k == kind]
                hit = lambda a, b: a[0] < b[1] and b[0] < a[1]
                for gs in g:
                    if any(hit(gs, ps) for ps in spans):
                        tp += 1
                    else:
                        fn += 1
                        misses.append(text[gs[0]:gs[1]])
                for ps in spans:
                    if not any(hit(gs, ps) for gs in g):
                        fp += 1
                        extras.append(text[ps[0]:ps[1]])
            pr = tp / (tp + fp) if tp + fp else 0
            rc = tp / (tp + fn) if tp + fn else 0
            f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0
            print(f"{lang} {field:7} mentions: P {pr:.3f} R {rc:.3f} F1 {f1:.3f}  (gold {tp + fn}, predicted {tp + fp})")
            if a.show:
                print("   missed:", misses[:a.show])
                print("   extra: ", extras[:a.show])


if __name__ == "__main__":
    sys.exit(main())

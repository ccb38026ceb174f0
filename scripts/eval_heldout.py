#!/usr/bin/env python3
"""Measures people and places extraction on labelled sentences the project
never trains or tunes on: every fifth sentence of the Bengali Rifat1493 train
file (the sentences scripts/gen_common_words.py leaves out) and the Hindi
IL-NER dev split. Sentences are grouped into pseudo-articles of 20, run
through `corpus scan --format jsonl`, and every gold PER / LOC entity (its
token span) is compared with the mentions corpus reports: exactly (the
same start and end) and by overlap. Both with the tagger and without it
(`--no-model`, the rules alone). The tagger is trained on neither set
(`corpus train` holds out the same sentences).

    cargo build --release
    python3 scripts/eval_heldout.py [--train ../shared/train] [--show 20] [--markdown]
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
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    a = ap.parse_args()
    rows = []
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
        for mode, flags in (("rules + tagger", []), ("rules alone", ["--no-model"])):
            out = subprocess.run([a.bin, "scan", "--format", "jsonl", "--only", "people,places", "-q", *flags, "-"],
                                 input=inp.encode(), capture_output=True, check=True).stdout.decode()
            preds = [json.loads(l) for l in out.splitlines()]
            for kind, field in (("person", "people"), ("place", "places")):
                c = score(golds, preds, kind, field)
                rows.append((lang, field, mode, c))
                if not a.markdown:
                    print(f"{lang} {field:7} {mode:14} overlap: P {c['op']:.3f} R {c['or']:.3f} F1 {c['of']:.3f}  "
                          f"exact: P {c['ep']:.3f} R {c['er']:.3f} F1 {c['ef']:.3f}  "
                          f"(gold {c['gold']}, predicted {c['pred']})")
                if a.show and not flags:
                    print("   missed:", c["misses"][:a.show])
                    print("   extra: ", c["extras"][:a.show])
    if a.markdown:
        print("| language | kind | names from | overlap P | R | F1 | exact P | R | F1 | gold | predicted |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for lang, field, mode, c in rows:
            print(f"| {lang} | {field} | {mode} | {c['op']:.3f} | {c['or']:.3f} | **{c['of']:.3f}** | "
                  f"{c['ep']:.3f} | {c['er']:.3f} | {c['ef']:.3f} | {c['gold']} | {c['pred']} |")


def prf(hit_p, pred, hit_r, gold):
    p = hit_p / pred if pred else 0
    r = hit_r / gold if gold else 0
    return p, r, (2 * p * r / (p + r) if p + r else 0)


def score(golds, preds, kind, field):
    """Mention counts of one kind: by overlap (a gold name is found if a
    mention overlaps it; a mention is right if it overlaps a gold name) and
    exactly (same start and end)."""
    gold_n = pred_n = found = right = exact = 0
    misses, extras = [], []
    hit = lambda x, y: x[0] < y[1] and y[0] < x[1]
    for (text, gold), p in zip(golds, preds):
        spans = [(m["start"], m["end"]) for e in p[field] for m in e["mentions"]]
        g = [(s, e) for k, s, e in gold if k == kind]
        gold_n += len(g)
        pred_n += len(spans)
        for gs in g:
            if any(hit(gs, ps) for ps in spans):
                found += 1
            else:
                misses.append(text[gs[0]:gs[1]])
        for ps in spans:
            if any(hit(gs, ps) for gs in g):
                right += 1
            else:
                extras.append(text[ps[0]:ps[1]])
        exact += len(set(spans) & set(g))
    op, orr, of = prf(right, pred_n, found, gold_n)
    ep, er, ef = prf(exact, pred_n, exact, gold_n)
    return {"op": op, "or": orr, "of": of, "ep": ep, "er": er, "ef": ef, "gold": gold_n, "pred": pred_n,
            "misses": misses, "extras": extras}


if __name__ == "__main__":
    sys.exit(main())

"""Reading the public NER data in ../shared/train (token TAB tag, a blank
line between sentences), shared by the scripts that derive word lists from
it and the one that measures extraction on its held-out part."""
import unicodedata

# Every fifth sentence of the Bengali train file is held out: no data is
# derived from it, and scripts/eval_heldout.py measures extraction on it.
BN_HELD_OUT_EVERY = 5


def bn_held_out(index):
    return index % BN_HELD_OUT_EVERY == 0


def sentences(path):
    """Sentences as lists of (NFC token, tag). A bare `-` tag is `O` and
    `-X` is `B-X` (the Hindi files' stray tags)."""
    sent = []
    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if sent:
                    yield sent
                sent = []
                continue
            parts = line.split("\t")
            if len(parts) == 2 and parts[0].strip():
                tag = parts[1].strip()
                if tag == "-":
                    tag = "O"
                elif tag.startswith("-"):
                    tag = "B" + tag
                sent.append((unicodedata.normalize("NFC", parts[0].strip()), tag))
    if sent:
        yield sent

#!/bin/sh
# Score the fixture articles against the hand-written gold beside them
# (fixtures/articles/gold.json, the format of ../shared/gold) and write the
# misses and false positives to fixtures/articles/gold.misses, the list of
# the known errors that their blessed expected files hold.
# Usage: scripts/score_fixtures.sh [SCORE_PY]   (default ../shared/tools/score.py)
set -eu
cd "$(dirname "$0")/.."
score=${1:-../shared/tools/score.py}
if [ ! -f "$score" ]; then
    echo "score_fixtures: $score not found (pass the path of score.py)" >&2
    exit 2
fi
cargo build --release --quiet
./target/release/corpus scan --quiet --format jsonl fixtures/articles > target/fixtures.jsonl
python3 "$score" --gold fixtures/articles/gold.json --pred target/fixtures.jsonl \
    --texts fixtures/articles --show-misses > target/fixtures.score 2>&1
sed -n '1,6p' target/fixtures.score
sed -n '7,$p' target/fixtures.score > fixtures/articles/gold.misses
echo "known errors: $(wc -l < fixtures/articles/gold.misses) lines in fixtures/articles/gold.misses"

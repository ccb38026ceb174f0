#!/bin/sh
# Rebuild the tagger's models from the labelled data and check that they are
# byte for byte the ones in data/model/ (training is deterministic).
# Usage: scripts/check_models.sh [DATA_DIR]   (default ../shared/train)
set -eu
cd "$(dirname "$0")/.."
data=${1:-../shared/train}
if [ ! -f "$data/bn-rifat1493-train.txt" ]; then
    echo "check_models: no labelled data in $data: skipped" >&2
    exit 0
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo run --release --locked --quiet -- train --data "$data" --out "$out"
for model in data/model/*.tagger; do
    if ! cmp -s "$model" "$out/$(basename "$model")"; then
        echo "check_models: $model differs from a fresh training run: run \`corpus train\` and commit" >&2
        exit 1
    fi
done
echo "check_models: the models in data/model/ are what training gives"

#!/usr/bin/env bash
# The Ray backfill's benchmark (docs/benchmarks.md): articles per second of
# `storyline ingest`, of the backfill on 1 and on 2 local Ray nodes (one CPU
# each, in a private network namespace), on the same 20,000+ articles made
# from ../shared/data/multinews-train; and process_batch's Python overhead
# per article against the same step in Rust alone.
#
#   cargo build --release -p storyline
#   (cd crates/python && maturin develop --release)     # into .venv, with the [ray] extra
#   scripts/bench_backfill.sh [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${STORYLINE_BIN:-target/release/storyline}"
PY="${PYTHON:-.venv/bin/python}"
WORK="${1:-/tmp/storyline-bench-backfill}"
mkdir -p "$WORK"
if [ ! -d "$WORK/inputs/jsonl" ]; then
    "$PY" crates/python/tests/backfill_inputs.py "$WORK/inputs" 20000
fi
IN=("$WORK/inputs/jsonl" "$WORK/inputs/warc")
echo "== per-article step, Rust alone (2 threads)"
"$BIN" bench prepare "${IN[@]}" --threads 2
echo "== per-article step through Python and Arrow (2 threads)"
RAYON_NUM_THREADS=2 "$PY" scripts/bench_process_batch.py "${IN[@]}"
echo "== ingest vs backfill on 1 and 2 nodes"
rm -rf "$WORK/run"
unshare -rn "$PY" crates/python/tests/ray_cluster.py bench --storyline "$BIN" --inputs "$WORK/inputs" --work "$WORK/run"

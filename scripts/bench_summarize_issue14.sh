#!/usr/bin/env bash
# Issue 14's summary figures: every method on multinews-val at 100 words,
# ROUGE-1.5.5-style recall (-m stemming, stop words kept, -l 100: the
# held-out newswire setting) and at 250 words, rouge-score F1 (the
# regression figure), each with clusters/s as `eval summarize` prints it.
# Usage: scripts/bench_summarize_issue14.sh [BIN] [extra eval options, e.g. --limit 1000]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-target/release/storyline}
shift || true
DATA=../shared/data/multinews-val/multinews_plus_val.jsonl.gz
for m in lead centroid lexrank textrank coverage concepts learned; do
  echo "== $m 100 words, ROUGE-1.5.5 -m -l 100 (recall)"
  "$BIN" eval summarize --data "$DATA" --words 100 --method "$m" --rouge rouge155 --limit-words 100 "$@"
  echo "== $m 250 words, rouge-score stemmed (F1)"
  "$BIN" eval summarize --data "$DATA" --words 250 --method "$m" "$@"
done

#!/usr/bin/env bash
# Every summarization method on the whole of multinews-val, at 250 and 100
# words: ROUGE F1 (rouge-score, stemmed) and recall with ROUGE-1.5.5 -m -l 100
# (stop words kept; DUC style), plus the held-out part (clusters 1000 on,
# the first 1000 having been used to choose the coverage weights).
# Usage: scripts/bench_summarize.sh > results.txt   (after cargo build --release)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=target/release/storyline
DATA=../shared/data/multinews-val/multinews_plus_val.jsonl.gz
for words in 250 100; do
  for m in lead centroid lexrank textrank coverage concepts learned; do
    echo "== $m $words words"
    "$BIN" eval summarize --data "$DATA" --words "$words" --method "$m"
  done
done
for m in lead centroid lexrank textrank coverage concepts learned; do
  echo "== $m 100 words, ROUGE-1.5.5 -m -l 100"
  "$BIN" eval summarize --data "$DATA" --words 100 --method "$m" --rouge rouge155 --limit-words 100
  echo "== $m 250 words, held-out clusters (from 1000)"
  "$BIN" eval summarize --data "$DATA" --words 250 --method "$m" --skip 1000
done

#!/usr/bin/env bash
# Runs the fuzz targets one after another, each for SECONDS (default 360).
# Needs cargo-fuzz (`cargo install cargo-fuzz`); on stable Rust the nightly
# flags it passes are allowed with RUSTC_BOOTSTRAP=1. The targets' own stderr
# is closed (-close_fd_mask=2): rs-trafilatura prints debug lines when built
# with debug assertions, as fuzz builds are; reproduce a finding without it.
#   fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-360}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(warc jsonl html ingest_any decode clean digest)
python3 seeds.py
for t in "${targets[@]}"; do
  dict=()
  case $t in
    warc) dict=(-dict=dict/warc.dict) ;;
    html) dict=(-dict=dict/html.dict) ;;
    jsonl) dict=(-dict=dict/jsonl.dict) ;;
  esac
  RUSTC_BOOTSTRAP=1 cargo fuzz run -s none "$t" "corpus/$t" -- \
    -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -max_len=16384 \
    -print_final_stats=1 -close_fd_mask=2 "${dict[@]}"
done

#!/usr/bin/env bash
# Load benchmark of `storyline serve` on loopback: a store of 100,000
# articles (made from ../shared/data/multinews-train by bench_serve_data.py,
# kept outside the repo), wrk at 64 connections against the story list, a
# story page, a story's JSON and search, while a second process ingests
# 5,000 more articles into the same store. Prints requests/s, p50/p99 and
# the server's RSS before and after. Every run is bounded (wrk -d).
#
# usage: scripts/bench_serve.sh [WORKDIR]   (default /tmp/storyline-bench-serve)
# needs: wrk (Debian's package), python3; builds the release binary.
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-/tmp/storyline-bench-serve}"
secs="${SECS:-15}"
conns="${CONNS:-64}"
port="${PORT:-18080}"
train=../shared/data/multinews-train/multinews_plus_train.jsonl.gz
mkdir -p "$work"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
cargo build --release -q -p storyline
bin=target/release/storyline
if [ ! -s "$work/store.db" ]; then
    python3 scripts/bench_serve_data.py "$train" "$work/articles.jsonl" 100000
    python3 scripts/bench_serve_data.py "$train" "$work/writer.jsonl" 5000 40000
    /usr/bin/time -f "ingest of 100,000 articles: %e s, max RSS %M KiB" \
        "$bin" ingest "$work/articles.jsonl" --db "$work/store.db" --quiet || true
fi
cp "$work/store.db" "$work/run.db"
rm -f "$work/run.db-wal" "$work/run.db-shm"
"$bin" serve --db "$work/run.db" --addr "127.0.0.1:$port" --quiet 2>"$work/serve.log" &
server=$!
trap 'kill $server 2>/dev/null || true; kill ${writer:-0} 2>/dev/null || true' EXIT
for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$port/api/v1/healthz" >/dev/null 2>&1 && break
    sleep 0.1
done
curl -fs "http://127.0.0.1:$port/api/v1/healthz"; echo
rss() { awk '/VmRSS/ {print $2 " KiB"}' "/proc/$server/status"; }
echo "server RSS before: $(rss)"
# Story ids to ask for: 2,000 spread over the store.
sqlite_ids() {
    python3 - "$work/run.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
ids = [r[0] for r in c.execute("SELECT id FROM stories WHERE set_aside = 0 ORDER BY random() LIMIT 2000")]
print("\n".join(ids))
PY
}
sqlite_ids > "$work/ids.txt"
cat > "$work/pick.lua" <<LUA
local ids = {}
for line in io.lines("$work/ids.txt") do ids[#ids + 1] = line end
local words = {"president", "police", "election", "court", "storm", "market", "police officers", "climate", "health care", "school"}
math.randomseed(42)
local kind = os.getenv("KIND")
request = function()
  local path
  if kind == "page" then path = "/stories/" .. ids[math.random(#ids)]
  elseif kind == "json" then path = "/api/v1/stories/" .. ids[math.random(#ids)]
  elseif kind == "search" then path = "/api/v1/search?q=" .. words[math.random(#words)]:gsub(" ", "%%20")
  elseif kind == "recent" then path = "/api/v1/search?sort=recent&q=" .. words[math.random(#words)]:gsub(" ", "%%20")
  elseif kind == "list" then path = "/"
  else path = "/api/v1/stories" end
  return wrk.format("GET", path)
end
LUA
# The writer, a live feed into the same store while wrk runs: 100 articles
# every half second (a separate `storyline ingest` each), from writer.jsonl.
rm -rf "$work/feed"; mkdir -p "$work/feed"
split -l 100 -d -a 3 "$work/writer.jsonl" "$work/feed/part-"
(
    for f in "$work"/feed/part-*; do
        "$bin" ingest "$f" --db "$work/run.db" --quiet >/dev/null 2>&1 || true
        sleep 0.5
    done
) &
writer=$!
for kind in json page list search recent; do
    echo "== $kind ($conns connections, ${secs}s, feed writing: $(kill -0 $writer 2>/dev/null && echo yes || echo done))"
    KIND=$kind wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$work/pick.lua" "http://127.0.0.1:$port" \
        | grep -E "Requests/sec|Non-2xx|Socket errors|50%|99%|requests in"
    echo "   server RSS: $(rss)"
done
kill $writer 2>/dev/null || true
wait $writer 2>/dev/null || true
echo "server RSS after: $(rss)"
curl -fs "http://127.0.0.1:$port/api/v1/healthz"; echo

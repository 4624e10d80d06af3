#!/usr/bin/env python3
"""Writes JSON lines of articles for the server load benchmark, made from the
Multi-News+ training split (../shared/data; never copied into the repo).

Each cluster's documents become articles dated on one day (about 100
clusters a day), with a title from their first words and one of twelve
made-up outlets, so that the store has many stories, a date range to filter
on and outlets to choose.

usage: bench_serve_data.py TRAIN.jsonl.gz OUT.jsonl N [SKIP]
  N     articles to write; SKIP: clusters to skip first (for a second,
        disjoint file: the writer during the benchmark)
"""
import datetime
import gzip
import json
import sys


def main() -> None:
    src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    skip = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    start = datetime.date(2015, 1, 1)
    written = 0
    with gzip.open(src, "rt", encoding="utf-8") as f, open(out, "w", encoding="utf-8") as o:
        for k, line in enumerate(f):
            if k < skip:
                continue
            c = json.loads(line)
            day = start + datetime.timedelta(days=k // 100)
            for j, doc in enumerate(c["documents"]):
                words = doc.split()
                if len(words) < 20:
                    continue
                rec = {
                    "id": f"mn{c['idx']}-{j}",
                    "title": " ".join(words[:12]),
                    "text": doc,
                    "date": day.isoformat(),
                    "source": f"Outlet {(k * 7 + j) % 12 + 1}",
                    "url": f"https://news.example/{c['idx']}/{j}",
                }
                o.write(json.dumps(rec) + "\n")
                written += 1
                if written >= n:
                    print(f"{written} articles from clusters {skip}..{k}", file=sys.stderr)
                    return
    print(f"{written} articles (the split ran out)", file=sys.stderr)


if __name__ == "__main__":
    main()

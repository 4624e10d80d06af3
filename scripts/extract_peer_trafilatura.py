#!/usr/bin/env python3
"""Runs trafilatura over an extraction data set in the extraction-wceb layout and writes its
predictions, for the comparison in docs/benchmarks.md ("HTML extraction"). Not a runtime dependency.

usage: extract_peer_trafilatura.py DATA_DIR PRED_DIR
  DATA_DIR  holds index.jsonl (id, html: path of the page, gzip or not) and score.py
  PRED_DIR  receives <id>.txt per page; then run `python3 DATA_DIR/score.py PRED_DIR`

Setup (a scratch venv outside the repo):
  python3 -m venv /tmp/traf && /tmp/traf/bin/pip install trafilatura lxml_html_clean
  /tmp/traf/bin/python scripts/extract_peer_trafilatura.py ../shared/data/extraction-wceb /tmp/pred-traf

Prints pages/s and MB/s (HTML bytes after gunzip, 10^6 bytes) of `extract(html,
include_comments=False)` alone, in this one Python process (reading and gunzip not timed), and
the whole-process wall time since the interpreter started (imports included).
"""
import gzip
import json
import os
import sys
import time

T0 = time.perf_counter()
import trafilatura  # noqa: E402  (its import time is part of the whole-process figure)


def main():
    data, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    pages = [json.loads(line) for line in open(os.path.join(data, "index.jsonl"))]
    total_bytes = 0
    spent = 0.0
    for page in pages:
        path = os.path.join(data, page["html"])
        raw = open(path, "rb").read()
        if path.endswith(".gz"):
            raw = gzip.decompress(raw)
        total_bytes += len(raw)
        t = time.perf_counter()
        text = trafilatura.extract(raw, include_comments=False) or ""
        spent += time.perf_counter() - t
        with open(os.path.join(out, page["id"] + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)
    wall = time.perf_counter() - T0
    n, mb = len(pages), total_bytes / 1e6
    print(f"trafilatura {trafilatura.__version__}: {n} pages, {mb:.1f} MB")
    print(f"  extract only: {spent:.1f} s, {n / spent:.1f} pages/s, {mb / spent:.2f} MB/s")
    print(f"  whole process (imports, reading, writing): {wall:.1f} s, {n / wall:.1f} pages/s, {mb / wall:.2f} MB/s")


if __name__ == "__main__":
    main()

"""Backfill test inputs made from ../shared/data/multinews-train: JSONL files
and gzip WARC files (one gzip member per record, as Common Crawl writes
them), dated, with exact repeats, republished copies under other URLs, and
bad records (cut JSON lines, records without text, garbage between WARC
records, a WARC file cut off mid-record).

    python backfill_inputs.py OUT_DIR [ARTICLES]
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import re
import sys
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
TRAIN = os.path.normpath(
    os.path.join(HERE, "..", "..", "..", "..", "shared", "data", "multinews-train", "multinews_plus_train.jsonl.gz")
)


def _documents(limit: int):
    """(cluster, number in cluster, text) of the first usable documents."""
    n = 0
    with gzip.open(TRAIN, "rt", encoding="utf-8") as f:
        for line in f:
            c = json.loads(line)
            for j, doc in enumerate(c["documents"]):
                doc = doc.strip()
                if len(doc.split()) < 60:
                    continue
                yield c["idx"], j, doc
                n += 1
                if n >= limit:
                    return


def _paragraphs(text: str):
    sentences = re.split(r"(?<=[.!?])\s+", text)
    return [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]


def _warc_record(url: str, title: str, day: str, text: str) -> bytes:
    paras = "".join(f"<p>{p}</p>" for p in _paragraphs(text))
    page = (
        f"<!doctype html><html><head><title>{title} | Outlet</title>"
        f'<meta property="article:published_time" content="{day}T08:00:00Z"></head>'
        f"<body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{paras}</article>"
        f"<footer>Share this story. Copyright Outlet.</footer></body></html>"
    ).encode("utf-8")
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n" % len(page) + page
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}>\r\n"
        f"WARC-Date: {day}T09:00:00Z\r\nWARC-Target-URI: {url}\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + http + b"\r\n\r\n", compresslevel=1)


def make(out: str, articles: int = 20000) -> dict:
    """Writes the inputs under ``out`` (jsonl/ and warc/); returns counts."""
    os.makedirs(os.path.join(out, "jsonl"), exist_ok=True)
    os.makedirs(os.path.join(out, "warc"), exist_ok=True)
    jsonl = [open(os.path.join(out, "jsonl", f"part-{i:02d}.jsonl"), "w", encoding="utf-8") for i in range(6)]
    warc = [open(os.path.join(out, "warc", f"CC-NEWS-{i:02d}.warc.gz"), "wb") for i in range(5)]
    counts = {"records": 0, "repeats": 0, "republished": 0, "bad": 0}
    start = dt.date(2021, 3, 1)
    for n, (cluster, j, text) in enumerate(_documents(articles)):
        day = (start + dt.timedelta(days=cluster // 40 + j % 2)).isoformat()
        source = f"outlet{(cluster + j) % 9}.example"
        url = f"https://{source}/news/{cluster}-{j}"
        title = " ".join(text.split()[:10]).strip(" ,.;:")
        # Documents alternate between the formats, so stories span both.
        if (cluster + j) % 2 == 0:
            f = jsonl[(n // 400) % len(jsonl)]
            rec = {"title": title, "text": text, "date": day, "source": source, "url": url}
            if n % 3:
                rec["id"] = f"mn-{cluster}-{j}"
            f.write(json.dumps(rec) + "\n")
            counts["records"] += 1
            if n % 97 == 0:  # the same record again: same id
                f.write(json.dumps(rec) + "\n")
                counts["repeats"] += 1
            if n % 101 == 0:  # republished elsewhere: another id, same text
                f.write(json.dumps(dict(rec, id=f"copy-{cluster}-{j}", url=url + "?amp", source="wire.example")) + "\n")
                counts["republished"] += 1
            if n % 503 == 0:
                f.write('{"title": "cut off", "text": "The record ends here\n')
                f.write(json.dumps({"title": "no text at all", "date": day}) + "\n")
                counts["bad"] += 2
        else:
            f = warc[(n // 400) % len(warc)]
            f.write(_warc_record(url, title, day, text))
            counts["records"] += 1
            if n % 89 == 0:
                f.write(_warc_record(url, title, day, text))
                counts["repeats"] += 1
            if n % 509 == 0:
                f.write(gzip.compress(b"this is not a WARC record\r\n\r\n"))
                counts["bad"] += 1
    for f in jsonl:
        f.close()
    for f in warc:
        f.close()
    # A file cut off mid-record, as a crawl interrupted mid-write leaves it.
    cut = os.path.join(out, "warc", "CC-NEWS-99-cut.warc.gz")
    with open(cut, "wb") as f:
        f.write(_warc_record("https://outlet1.example/cut-1", "A whole record", "2021-03-02", "Whole. " * 80))
        f.write(_warc_record("https://outlet1.example/cut-2", "A cut record", "2021-03-02", "Cut. " * 80)[:150])
    counts["bad"] += 1
    return counts


if __name__ == "__main__":
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    print(json.dumps(make(sys.argv[1], n)))

#!/usr/bin/env python3
"""Writes seed corpora for the fuzz targets into fuzz/corpus/<target>/.

Seeds are built from the repository's own example articles (examples/)
wrapped in each input format; nothing is read from outside the repository.
Run from anywhere: python3 fuzz/seeds.py
"""
import gzip
import hashlib
import json
import pathlib
import zlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"


def articles():
    out = []
    for p in sorted((ROOT / "examples").rglob("*.txt")):
        out.append(p.read_text(encoding="utf-8"))
    return out


def write(target, data):
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)


def short(text, n=1500):
    return text[:n]


def paras(text):
    return [p.strip() for p in text.split("\n") if p.strip()]


def page(text, extra_head="", charset="utf-8"):
    ps = paras(short(text))
    title = ps[0] if ps else "Title"
    body = "".join(f"<p>{p}</p>" for p in ps[1:])
    ld = json.dumps({
        "@context": "https://schema.org",
        "@graph": [{"@type": "NewsArticle", "headline": title,
                    "datePublished": "2020-01-10T08:30:00+01:00",
                    "publisher": {"@type": "Organization", "name": "Daily Example"}}],
    })
    return (
        f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"{charset}\">"
        f"<title>{title} | Daily Example</title>"
        f"<meta property=\"og:title\" content=\"{title}\">"
        f"<meta property=\"article:published_time\" content=\"2020-01-10T08:30:00Z\">"
        f"<meta property=\"og:site_name\" content=\"Daily Example\">"
        f"<link rel=\"canonical\" href=\"https://news.example/story\">"
        f"<script type=\"application/ld+json\">{ld}</script>{extra_head}</head>"
        f"<body><nav><a href=\"/\">Home</a></nav><article><h1>{title}</h1>"
        f"<time pubdate datetime=\"2020-01-10\">Jan. 10</time>{body}</article>"
        f"<footer>Copyright</footer></body></html>"
    )


def warc_record(wtype, extra, block):
    head = (
        f"WARC/1.1\r\nWARC-Type: {wtype}\r\n"
        "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000000>\r\n"
        f"WARC-Date: 2020-01-10T18:00:00Z\r\n{extra}Content-Length: {len(block)}\r\n\r\n"
    ).encode()
    return head + block + b"\r\n\r\n"


def http(body, headers="Content-Type: text/html; charset=utf-8\r\n"):
    return b"HTTP/1.1 200 OK\r\n" + headers.encode() + b"\r\n" + body


def chunked(data, size=64):
    out = b""
    for i in range(0, len(data), size):
        c = data[i:i + size]
        out += f"{len(c):x}\r\n".encode() + c + b"\r\n"
    return out + b"0\r\n\r\n"


def warcs(texts):
    recs = [warc_record("warcinfo", "Content-Type: application/warc-fields\r\n", b"software: seed\r\n"),
            warc_record("request", "WARC-Target-URI: https://news.example/a\r\n"
                        "Content-Type: application/http; msgtype=request\r\n",
                        b"GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n")]
    for i, t in enumerate(texts):
        uri = f"WARC-Target-URI: <https://news.example/{i}>\r\n"
        html = page(t).encode()
        resp = "Content-Type: application/http; msgtype=response\r\n"
        recs.append(warc_record("response", uri + resp, http(html)))
        recs.append(warc_record("response", uri + resp, http(
            chunked(gzip.compress(html)),
            "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n")))
        recs.append(warc_record("response", uri + resp, http(
            zlib.compress(html), "Content-Type: text/html\r\nContent-Encoding: deflate\r\n")))
        recs.append(warc_record("resource", uri + "Content-Type: text/html\r\n", html))
        recs.append(warc_record("conversion", uri + "Content-Type: text/plain\r\n",
                                short(t).encode()))
        recs.append(warc_record("response", uri + resp,
                                b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<html>x</html>"))
    return recs


def jsonl(texts):
    lines = []
    for i, t in enumerate(texts):
        ps = paras(short(t))
        lines.append(json.dumps({"id": f"a{i}", "title": ps[0], "text": "\n".join(ps[1:]),
                                 "url": f"https://news.example/{i}", "date": "2020-01-10T08:30:00Z",
                                 "source": "Daily Example", "language": "en"}))
        lines.append(json.dumps({"id": i, "text": ps[1:], "date": 1578645000}))
        lines.append(json.dumps({"html": page(t), "url": "https://news.example/h",
                                 "date": "Jan. 10, 2020"}))
    lines.append("[1, 2]")
    lines.append("")
    return lines


def main():
    texts = articles()
    # clean / digest / decode: the articles as they are.
    for t in texts:
        write("clean", t.encode())
        write("clean", short(t, 600).encode())
        write("decode", short(t).encode())
        write("decode", short(t).encode("cp1252", "replace"))
        write("decode", b"\xff\xfe" + short(t, 400).encode("utf-16-le"))
        write("decode", page(short(t, 400), charset="shift_jis").encode())
    write("digest", b"\0".join(short(t, 3000).encode() for t in texts))
    write("digest", short(texts[0], 2000).encode())

    recs = warcs(texts)
    plain = b"".join(recs)
    per_record_gz = b"".join(gzip.compress(r) for r in recs)
    for r in recs:
        write("warc", r)
    write("warc", plain)
    write("warc", per_record_gz)

    lines = jsonl(texts)
    doc = "\n".join(lines).encode()
    for l in lines:
        write("jsonl", l.encode())
    write("jsonl", doc)
    write("jsonl", gzip.compress(doc))
    write("jsonl", "\n".join(lines[:3]).encode("utf-8").replace("é".encode(), b"\xe9"))

    for i, t in enumerate(texts):
        p = page(t).encode()
        for sel in (0, 1, 0x12, 0x13):
            write("html", bytes([sel]) + p)
        write("html", bytes([0]) + page(t, charset="windows-1252").encode("cp1252", "replace"))

    # ingest_any: the first byte picks the format (0 = sniffed).
    for sel in range(5):
        write("ingest_any", bytes([sel]) + plain)
        write("ingest_any", bytes([sel]) + doc)
        write("ingest_any", bytes([sel]) + page(texts[0]).encode())
        write("ingest_any", bytes([sel]) + short(texts[0]).encode())
        write("ingest_any", bytes([sel]) + gzip.compress(page(texts[1]).encode()))
    print(f"seeds written under {CORPUS}")


if __name__ == "__main__":
    main()

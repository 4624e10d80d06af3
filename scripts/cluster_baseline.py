#!/usr/bin/env python3
"""Batch baseline for story clustering: TF-IDF + average-link agglomerative
clustering, with pairs more than --window-days apart kept apart (when the
articles are dated), scored like `storyline eval cluster` (B-cubed and
pairwise P/R/F1).

Not part of storyline: a reference to compare the online clusterer with.
Needs scikit-learn and scipy, in a scratch venv outside the repo:

    python3 -m venv /tmp/skl && /tmp/skl/bin/pip install scikit-learn
    /tmp/skl/bin/python scripts/cluster_baseline.py allsides
    /tmp/skl/bin/python scripts/cluster_baseline.py multinews

The data sets are those of ../shared/data (see its README): `allsides`
reads the dated AllSides dev pool and its gold file; `multinews` pools the
documents of every Multi-News+ validation cluster (documents outside
`kept_doc_indices_llm` are noise, each its own gold singleton) and has no
dates, so the window does not apply and the whole pool is clustered at once.

The cut (cosine distance at which average link stops merging) is swept;
each line prints one cut, so the best cut of each set and one common cut
can both be read off.
"""

import argparse
import collections
import datetime as dt
import gzip
import json
import random
import sys

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import TfidfVectorizer

DATA = "../shared/data"


def bcubed(pred, gold):
    cells = collections.Counter(zip(pred, gold))
    ps = collections.Counter(pred)
    gs = collections.Counter(gold)
    n = len(pred)
    p = sum(m * m / ps[a] for (a, _), m in cells.items()) / n
    r = sum(m * m / gs[b] for (_, b), m in cells.items()) / n
    return p, r, 2 * p * r / (p + r)


def pairwise(pred, gold):
    pairs = lambda k: k * (k - 1) / 2
    both = sum(pairs(m) for m in collections.Counter(zip(pred, gold)).values())
    pp = sum(pairs(m) for m in collections.Counter(pred).values())
    gp = sum(pairs(m) for m in collections.Counter(gold).values())
    p = both / pp if pp else 1.0
    r = both / gp if gp else 1.0
    return p, r, (2 * p * r / (p + r)) if p + r else 0.0


def load_allsides(pool, gold_path):
    gold = json.load(open(gold_path))
    texts, labels, days = [], [], []
    for line in open(pool):
        if not line.strip():
            continue
        r = json.loads(line)
        texts.append((r.get("title") or "") + "\n" + (r.get("text") or ""))
        labels.append(gold.get(r["id"], "unlabelled " + r["id"]))
        d = r.get("date")
        days.append(dt.date.fromisoformat(d[:10]).toordinal() if d else None)
    return texts, labels, days


def load_multinews(path):
    texts, labels = [], []
    with gzip.open(path, "rt") if path.endswith(".gz") else open(path) as f:
        for no, line in enumerate(f):
            if not line.strip():
                continue
            r = json.loads(line)
            idx = str(r.get("idx", no + 1))
            kept = r.get("kept_doc_indices_llm")
            for i, t in enumerate(r["documents"]):
                texts.append(t)
                on = kept is None or i in kept
                labels.append(idx if on else f"noise {idx}:{i}")
    return texts, labels, [None] * len(texts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dataset", choices=["allsides", "multinews"])
    ap.add_argument("--window-days", type=float, default=3.0)
    ap.add_argument(
        "--jitter-days",
        type=int,
        default=0,
        help="move each dated article forward by 0..N days (random, seed 2026), "
        "as `storyline eval cluster --jitter-days` does (with its own draw)",
    )
    ap.add_argument(
        "--cuts",
        default="0.70,0.75,0.80,0.85,0.88,0.90,0.92,0.94",
        help="cosine distances at which to cut the tree",
    )
    a = ap.parse_args()
    if a.dataset == "allsides":
        texts, gold, days = load_allsides(
            f"{DATA}/allsides-dev/allsides_dev_pool.jsonl",
            f"{DATA}/allsides-dev/allsides_dev_gold.json",
        )
    else:
        texts, gold, days = load_multinews(
            f"{DATA}/multinews-val/multinews_plus_val.jsonl.gz"
        )
    if a.jitter_days:
        rng = random.Random(2026)
        days = [d + rng.randint(0, a.jitter_days) if d is not None else None for d in days]
    # Plain TF-IDF: sublinear tf, English stop words out, l2-normalized.
    x = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    sim = (x @ x.T).toarray().astype(np.float64)
    dist = np.clip(1.0 - sim, 0.0, None)
    if all(d is not None for d in days):
        dd = np.array(days, dtype=np.float64)
        far = np.abs(dd[:, None] - dd[None, :]) > a.window_days
        # Outside the window a pair may not join: a distance no average reaches.
        dist[far] = 1e6
        window = f"{a.window_days:g}-day window"
    else:
        window = "no dates: whole pool"
    np.fill_diagonal(dist, 0.0)
    del sim
    z = linkage(squareform(dist, checks=False), method="average")
    del dist
    print(f"{a.dataset}: {len(texts)} documents, {len(set(gold))} gold clusters; {window}")
    print("cut\tstories\tB3 P\tB3 R\tB3 F1\tpair P\tpair R\tpair F1")
    for cut in (float(c) for c in a.cuts.split(",")):
        pred = list(fcluster(z, t=cut, criterion="distance"))
        b, p = bcubed(pred, gold), pairwise(pred, gold)
        print(
            f"{cut:.2f}\t{len(set(pred))}\t"
            + "\t".join(f"{v:.4f}" for v in (*b, *p))
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()

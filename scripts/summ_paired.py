#!/usr/bin/env python3
"""Paired comparison of two `eval summarize --output` files of the same
data set: per-cluster ROUGE-1.5.5 recall (-l WORDS) of both, the mean
difference and its standard error, over all clusters and by cluster size
(2 / 3 / 4-10, or 5+ too).

Usage: scripts/summ_paired.py BIN DATA.jsonl.gz A.jsonl B.jsonl [WORDS]
"""
import gzip, json, math, os, subprocess, sys, tempfile

bin_, data, fa, fb = sys.argv[1:5]
words = sys.argv[5] if len(sys.argv) > 5 else "100"
sizes, pairs = [], {"a": [], "b": []}
with gzip.open(data, "rt") as d, open(fa) as a, open(fb) as b:
    for line, oa, ob in zip(d, a, b):
        c = json.loads(line)
        refs = c.get("summaries") or [c["summary"]]
        sizes.append(len(c["documents"]))
        for k, o in (("a", oa), ("b", ob)):
            o = json.loads(o)
            pairs[k].append({"system": [x["text"] for x in o["sentences"]], "references": refs})
scores = {}
with tempfile.TemporaryDirectory() as tmp:
    for k, ps in pairs.items():
        path = os.path.join(tmp, k + ".jsonl")
        per = os.path.join(tmp, k + ".per.jsonl")
        with open(path, "w") as f:
            for p in ps:
                f.write(json.dumps(p) + "\n")
        subprocess.run([bin_, "eval", "rouge", "--pairs", path, "--rouge", "rouge155",
                        "--limit-words", words, "--per-pair", per], capture_output=True, check=True)
        scores[k] = [json.loads(l) for l in open(per)]

def metric(row, name):
    v = row[name]
    return 100 * v["r"]

def report(label, idx):
    if not idx:
        return
    out = [f"{label:>6}: {len(idx):5} clusters"]
    for m in ("rouge1", "rouge2"):
        a = [metric(scores["a"][i], m) for i in idx]
        b = [metric(scores["b"][i], m) for i in idx]
        d = [y - x for x, y in zip(a, b)]
        n = len(d)
        mean = sum(d) / n
        sd = math.sqrt(sum((x - mean) ** 2 for x in d) / max(n - 1, 1))
        out.append(f"{m} {sum(a)/n:.2f} -> {sum(b)/n:.2f} ({mean:+.2f} ± {sd/math.sqrt(n):.2f})")
    print("  ".join(out))

n = len(sizes)
report("all", list(range(n)))
report("2", [i for i in range(n) if sizes[i] <= 2])
report("3", [i for i in range(n) if sizes[i] == 3])
report("4-10", [i for i in range(n) if sizes[i] >= 4])
report("5-10", [i for i in range(n) if sizes[i] >= 5])

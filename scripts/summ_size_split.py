#!/usr/bin/env python3
"""ROUGE by cluster size: splits `eval summarize --output` summaries of a
data set by the number of documents of each cluster (2 / 3 / 4-10) and
scores each part with `storyline eval rouge` (ROUGE-1.5.5 recall, -l 100).

Usage: scripts/summ_size_split.py BIN DATA.jsonl.gz SUMMARIES.jsonl [WORDS]
"""
import gzip, json, os, subprocess, sys, tempfile

bin_, data, summaries = sys.argv[1:4]
words = sys.argv[4] if len(sys.argv) > 4 else "100"
groups = {"2": [], "3": [], "4-10": []}
with gzip.open(data, "rt") as d, open(summaries) as s:
    for line, out in zip(d, s):
        c = json.loads(line)
        o = json.loads(out)
        n = len(c["documents"])
        key = "2" if n <= 2 else "3" if n == 3 else "4-10"
        refs = c.get("summaries") or [c["summary"]]
        groups[key].append({"system": [x["text"] for x in o["sentences"]], "references": refs})
with tempfile.TemporaryDirectory() as tmp:
    for key, pairs in groups.items():
        path = os.path.join(tmp, key + ".jsonl")
        with open(path, "w") as f:
            for p in pairs:
                f.write(json.dumps(p) + "\n")
        out = subprocess.run([bin_, "eval", "rouge", "--pairs", path, "--rouge", "rouge155",
                              "--limit-words", words], capture_output=True, text=True, check=True).stdout
        r = {l.split()[0]: l.split()[1] for l in out.splitlines() if l.startswith("ROUGE-")}
        print(f"{key:>5} articles: {len(pairs):5} clusters  R-1 {r['ROUGE-1']}  R-2 {r['ROUGE-2']}")

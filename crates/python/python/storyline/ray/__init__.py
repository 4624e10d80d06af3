"""storyline.ray: backfills on a Ray cluster, equal to ``storyline ingest``.

``python -m storyline.ray backfill INPUT... --out DIR [--address ADDR]``
reads the inputs (WARC, JSONL, HTML or text files and folders, gzip or not)
and writes Parquet that ``storyline import --db FILE DIR`` loads into a
store, the same store ``storyline ingest INPUT... --db FILE`` makes.

What runs where (docs/scale.md):

1. **map** (Ray Data, in parallel on every node): one task per input file
   reads its records (``read_records``) and runs ``process_batch`` over
   them: extraction or cleaning, sentences, language, MinHash signature,
   clustering features. Written to ``DIR/prepared/day=YYYY-MM-DD/`` as
   Parquet, then a marker ``DIR/prepared/_done/fNNNNNN.json``: a rerun after
   a killed worker or driver redoes only the files without a marker.
2. **place** (one actor): the ingest's sequential step (id check,
   near-duplicates, online clustering in input order) replayed over the
   prepared articles, file after file as soon as each is ready, in
   ``storyline ingest``'s batches; each batch's rows go to
   ``DIR/articles/day=YYYY-MM-DD/bNNNNNN-*.parquet``.
3. **digest** (Ray Data, in parallel): the articles grouped by story, one
   digest per story (``DIR/digests/``).

``DIR/manifest.json`` says which inputs and settings, and ``complete`` once
all three stages are written.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import sys
import time
from typing import Any, Dict, List, Optional, Sequence

import pyarrow as pa
import pyarrow.parquet as pq

from .. import _storyline

FORMAT = "storyline-backfill/1"

__all__ = ["FORMAT", "backfill", "format_account"]


def _write_json(path: str, value: Any) -> None:
    """Writes JSON beside ``path`` and renames it into place (never a cut-off file)."""
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=1, sort_keys=True)
    os.replace(tmp, path)


def _prepare_files(batch: Dict[str, Any], out: str, cwd: str, rows: int) -> Dict[str, list]:
    """Ray Data map: each input file's records, processed, as Parquet by day."""
    import ray

    # Paths are named as given, like `storyline ingest` names them (the
    # names make the ids of records without one): read from the driver's
    # folder.
    os.chdir(cwd)
    node = ray.get_runtime_context().get_node_id()
    prepared = os.path.join(out, "prepared")
    done: Dict[str, list] = {"index": [], "records": [], "node": []}
    for index, path in zip(batch["index"], batch["path"]):
        index = int(index)
        stem = f"f{index:06d}"
        for stale in glob.glob(os.path.join(prepared, "day=*", f"{stem}-*.parquet")):
            os.remove(stale)
        records = 0
        for chunk_no, chunk in enumerate(_storyline.RecordReader(path, rows)):
            processed = _storyline.process_batch(chunk)
            records += chunk.num_rows
            published = processed.column("published").to_pylist()
            day = [p[:10] if p else "undated" for p in published]
            table = pa.table(
                {
                    "name": chunk.column("name"),
                    "record": chunk.column("record"),
                    "id": processed.column("id"),
                    "path": processed.column("path"),
                    "url": processed.column("url"),
                    "source": processed.column("source"),
                    "title": processed.column("title"),
                    "published": processed.column("published"),
                    "language": processed.column("language"),
                    "words": processed.column("words"),
                    "sentences": processed.column("sentences"),
                    "prepped": processed.column("prepped"),
                    "error": processed.column("error"),
                    "day": pa.array(day, pa.string()),
                }
            )
            pq.write_to_dataset(
                table,
                prepared,
                partition_cols=["day"],
                basename_template=f"{stem}-{chunk_no:05d}-{{i}}.parquet",
                existing_data_behavior="overwrite_or_ignore",
            )
        os.makedirs(os.path.join(prepared, "_done"), exist_ok=True)
        _write_json(
            os.path.join(prepared, "_done", f"{stem}.json"),
            {"path": path, "records": records, "node": node},
        )
        done["index"].append(index)
        done["records"].append(records)
        done["node"].append(node)
    return done


def _digest_group(group: Any, words: int) -> Dict[str, list]:
    """Ray Data map_groups: the digest of one story, from its rows in order."""
    order = group["seq"].argsort()
    rows = [group["row"][i] for i in order]
    return {"story": [group["story"][0]], "digest": [_storyline.digest_rows(rows, words)]}


class _Placer:
    """The ingest's sequential step over the prepared files, in input order
    (a Ray actor: one per language; storyline's stream is one for all)."""

    def __init__(self, out: str, batch: int, words: int, window: Optional[int], threshold: Optional[float]):
        self.out = out
        self.replay = _storyline.Replayer(batch, words, window, threshold)
        self.metas: List[Dict[str, Any]] = []
        self.stories: Dict[str, Dict[str, Any]] = {}
        shutil.rmtree(os.path.join(out, "articles"), ignore_errors=True)
        os.makedirs(os.path.join(out, "articles"), exist_ok=True)
        self.records = 0

    def _emit(self, batches: list) -> None:
        for meta, rows in batches:
            table = pa.Table.from_batches([rows])
            pq.write_to_dataset(
                table,
                os.path.join(self.out, "articles"),
                partition_cols=["day"],
                basename_template=f"b{meta['number']:06d}-{{i}}.parquet",
                existing_data_behavior="overwrite_or_ignore",
            )
            self.metas.append(meta)
            cols = rows.to_pydict()
            for seq, aid, story, dup, aside, day in zip(
                cols["seq"], cols["id"], cols["story"], cols["duplicate_of"], cols["set_aside"], cols["day"]
            ):
                s = self.stories.setdefault(
                    story, {"created": seq, "articles": [], "carriers": 0, "set_aside": aside, "days": set()}
                )
                s["articles"].append(aid)
                s["carriers"] += dup is not None
                if day != "undated":
                    s["days"].add(day)

    def push_file(self, index: int) -> int:
        """Pushes one prepared file's records, in record order."""
        parts = glob.glob(os.path.join(self.out, "prepared", "day=*", f"f{index:06d}-*.parquet"))
        if not parts:
            return 0
        table = pa.concat_tables([pq.read_table(p) for p in parts], promote_options="default")
        table = table.sort_by("record")
        for rb in table.to_batches(max_chunksize=4096):
            self._emit(self.replay.push(rb))
        self.records += table.num_rows
        return table.num_rows

    def push_error(self, message: str) -> None:
        """An input that could not be read at all (a missing path): one skipped record."""
        rb = pa.record_batch(
            {
                "name": pa.array([""], pa.string()),
                "id": pa.array([None], pa.string()),
                "path": pa.array([None], pa.string()),
                "prepped": pa.array([None], pa.string()),
                "error": pa.array([message], pa.string()),
            }
        )
        self._emit(self.replay.push(rb))

    def finish(self) -> Dict[str, Any]:
        batches, account = self.replay.finish()
        self._emit(batches)
        pq.write_table(
            pa.table(
                {
                    "number": pa.array([m["number"] for m in self.metas], pa.uint32()),
                    "oldest_seq": pa.array([m["oldest_seq"] for m in self.metas], pa.uint64()),
                    "key_terms": pa.array([m["key_terms"] for m in self.metas], pa.string()),
                    "skipped": pa.array([json.dumps(m["skipped"]) for m in self.metas], pa.string()),
                }
            ),
            os.path.join(self.out, "batches.parquet"),
        )
        ids = sorted(self.stories, key=lambda s: self.stories[s]["created"])
        st = [self.stories[s] for s in ids]
        pq.write_table(
            pa.table(
                {
                    "story": pa.array(ids, pa.string()),
                    "created": pa.array([s["created"] for s in st], pa.uint64()),
                    "articles": pa.array([s["articles"] for s in st], pa.list_(pa.string())),
                    "carriers": pa.array([s["carriers"] for s in st], pa.uint32()),
                    "set_aside": pa.array([s["set_aside"] for s in st], pa.bool_()),
                    "first": pa.array([min(s["days"]) if s["days"] else None for s in st], pa.string()),
                    "last": pa.array([max(s["days"]) if s["days"] else None for s in st], pa.string()),
                }
            ),
            os.path.join(self.out, "stories.parquet"),
        )
        skipped = [s for m in self.metas for s in m["skipped"]]
        return {"account": account, "batches": len(self.metas), "skipped": skipped}


def format_account(account: Dict[str, Any]) -> str:
    """The final account, worded as ``storyline ingest`` words it."""
    skipped = account.get("skipped", {})
    lines = [
        "storyline: {} record(s) read: {} article(s) added ({} near-duplicate(s) merged, "
        "{} set aside with too little article text), {} already in the store, {} skipped".format(
            account["records"],
            account["added"],
            account["duplicates"],
            account["set_aside"],
            account["already_stored"],
            sum(skipped.values()),
        ),
        "storyline: {} story(ies) created, {} updated, {} digest(s) written".format(
            account["stories_created"], account["stories_updated"], account["digests"]
        ),
    ]
    lines += [f"storyline:   skipped {n}: {why}" for why, n in sorted(skipped.items())]
    return "\n".join(lines)


def backfill(
    inputs: Sequence[str],
    out: str,
    *,
    address: Optional[str] = None,
    batch: int = 500,
    words: int = 100,
    window: Optional[int] = None,
    threshold: Optional[float] = None,
    rows: int = 1000,
    quiet: bool = False,
) -> Dict[str, Any]:
    """Backfills ``inputs`` into ``out`` on the Ray cluster at ``address``
    (None: ``RAY_ADDRESS``, else a local one); returns the account (the dict
    of ``storyline ingest``'s, with ``files``, ``files_redone``,
    ``nodes`` and ``seconds`` added). ``batch``, ``words``, ``window`` and
    ``threshold`` are ``storyline ingest``'s settings: the same ones give
    the same store."""
    import ray

    started = time.monotonic()
    out = os.path.abspath(out)
    os.makedirs(out, exist_ok=True)
    entries = _storyline.expand_paths([str(p) for p in inputs])
    settings = {"batch": batch, "words": words, "window": window, "threshold": threshold}
    manifest_path = os.path.join(out, "manifest.json")
    inputs_listed = [p if p is not None else f"!{e}" for p, e in entries]
    if os.path.exists(manifest_path):
        with open(manifest_path, encoding="utf-8") as f:
            old = json.load(f)
        if old.get("files") != inputs_listed:
            raise ValueError(
                f"{out} holds a backfill of other inputs: choose another --out folder, or remove it"
            )
    manifest = {"format": FORMAT, "complete": False, "inputs": list(map(str, inputs)), "files": inputs_listed,
                "ingest": settings, "batches": 0}
    _write_json(manifest_path, manifest)

    def log(msg: str) -> None:
        if not quiet:
            print(f"storyline: {msg}", file=sys.stderr, flush=True)

    if not ray.is_initialized():
        ray.init(address=address, log_to_driver=False, logging_level="ERROR")
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = not quiet
    ctx.verbose_progress = False

    done_dir = os.path.join(out, "prepared", "_done")
    done = {int(os.path.basename(p)[1:7]) for p in glob.glob(os.path.join(done_dir, "f*.json"))}
    pending = [i for i, (p, _) in enumerate(entries) if p is not None and i not in done]
    files = sum(p is not None for p, _ in entries)
    log(f"{files} input file(s); {files - len(pending)} prepared by an earlier run, {len(pending)} to prepare")

    # The placing actor lives on the driver's node: it holds the stream's
    # state, which a lost worker node would take with it.
    from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

    here = NodeAffinitySchedulingStrategy(node_id=ray.get_runtime_context().get_node_id(), soft=False)
    placer = ray.remote(num_cpus=0, scheduling_strategy=here)(_Placer).remote(out, batch, words, window, threshold)
    nxt = 0
    pushed: List[Any] = []

    def push_ready() -> None:
        nonlocal nxt
        while nxt < len(entries):
            p, e = entries[nxt]
            if p is None:
                pushed.append(placer.push_error.remote(e))
            elif nxt in done:
                pushed.append(placer.push_file.remote(nxt))
            else:
                return
            nxt += 1

    push_ready()
    nodes = set()
    for m in glob.glob(os.path.join(done_dir, "f*.json")):
        with open(m, encoding="utf-8") as f:
            nodes.add(json.load(f).get("node"))
    if pending:
        ds = ray.data.from_items([{"index": i, "path": entries[i][0]} for i in pending],
                                 override_num_blocks=len(pending))
        ds = ds.map_batches(
            _prepare_files,
            batch_size=1,
            fn_kwargs={"out": out, "cwd": os.getcwd(), "rows": rows},
        )  # Ray Data retries a task lost with its worker or node (max_retries=-1)
        for row in ds.iter_rows():
            done.add(int(row["index"]))
            nodes.add(row["node"])
            push_ready()
    push_ready()
    ray.get(pushed)
    placed = ray.get(placer.finish.remote())
    ray.kill(placer)
    account = placed["account"]
    log(f"placed {account['added']} article(s) in {placed['batches']} batch(es); digesting")

    digests_dir = os.path.join(out, "digests")
    shutil.rmtree(digests_dir, ignore_errors=True)
    if account["added"]:
        arts = ray.data.read_parquet(os.path.join(out, "articles"), columns=["seq", "story", "row"])
        arts.groupby("story").map_groups(_digest_group, fn_kwargs={"words": words}, batch_format="numpy") \
            .write_parquet(digests_dir)
        written = ray.data.read_parquet(digests_dir, columns=["digest"])
        account["digests"] = written.filter(lambda r: r["digest"] is not None).count()
    else:
        os.makedirs(digests_dir, exist_ok=True)
        account["digests"] = 0
    manifest.update(complete=True, batches=placed["batches"], account=account)
    _write_json(manifest_path, manifest)
    account = dict(account, files=files, files_redone=len(pending), nodes=len(nodes),
                   seconds=round(time.monotonic() - started, 3))
    return account

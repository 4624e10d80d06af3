"""storyline: story digests from raw news articles, from Python.

The calls run storyline's Rust core with the GIL released, and give what
the `storyline` command gives:

- ``digest(articles, words=100, method="coverage")`` -> dict: ``storyline digest --format json``
- ``clean(text_or_html, kind="auto", ...)`` -> dict: one article of ``storyline clean --format json``
- ``cluster(articles)`` -> list of dict: ``storyline stories PATH... --format json``
- ``process_batch(batch)`` -> pyarrow.RecordBatch: the per-article part of ``ingest`` over Arrow
- ``rouge(system, references, flavor="rouge-score", stem=True, words=None)`` -> dict
- ``expand_paths``, ``RecordReader``, ``Replayer``, ``digest_rows``: the
  ingest's steps one by one, as the Ray backfill runs them

Backfills on a Ray cluster, equal to ``storyline ingest``: ``python -m
storyline.ray backfill INPUT... --out DIR`` (``storyline.ray``; needs the
``ray`` extra), loaded by ``storyline import --db FILE DIR``.

Errors are ``StorylineError`` with the command line's messages; bad
arguments are ``ValueError``. See docs/python.md.
"""

from ._storyline import (
    RecordReader,
    Replayer,
    StorylineError,
    __version__,
    clean,
    cluster,
    digest,
    digest_rows,
    expand_paths,
    process_batch,
    rouge,
)

__all__ = [
    "RecordReader",
    "Replayer",
    "StorylineError",
    "__version__",
    "clean",
    "cluster",
    "digest",
    "digest_rows",
    "expand_paths",
    "process_batch",
    "rouge",
]

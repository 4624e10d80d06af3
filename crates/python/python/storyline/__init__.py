"""storyline: story digests from raw news articles, from Python.

The calls run storyline's Rust core with the GIL released, and give what
the `storyline` command gives:

- ``digest(articles, words=100, method="coverage")`` -> dict: ``storyline digest --format json``
- ``clean(text_or_html, kind="auto", ...)`` -> dict: one article of ``storyline clean --format json``
- ``cluster(articles)`` -> list of dict: ``storyline stories PATH... --format json``
- ``process_batch(batch)`` -> pyarrow.RecordBatch: the per-article part of ``ingest`` over Arrow
- ``rouge(system, references, flavor="rouge-score", stem=True, words=None)`` -> dict

Errors are ``StorylineError`` with the command line's messages; bad
arguments are ``ValueError``. See docs/python.md.
"""

from ._storyline import StorylineError, __version__, clean, cluster, digest, process_batch, rouge

__all__ = ["StorylineError", "__version__", "clean", "cluster", "digest", "process_batch", "rouge"]

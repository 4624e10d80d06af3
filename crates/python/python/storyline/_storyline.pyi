"""Type stubs of the Rust extension (see the functions' docstrings)."""

import os
from typing import Any, Literal, Mapping, Sequence, Union

__version__: str

Article = Union[str, "os.PathLike[str]", Mapping[str, Any]]

class StorylineError(Exception):
    """An input storyline cannot use, with the message the command line gives."""

def digest(
    articles: Union[Article, Sequence[Article]],
    words: int = 100,
    method: str = "coverage",
) -> dict[str, Any]:
    """Digests articles that tell one story; returns `storyline digest --format json` as a dict."""

def cluster(articles: Union[Article, Sequence[Article]]) -> list[dict[str, Any]]:
    """Groups articles into stories; returns `storyline stories PATH... --format json` as a list."""

def clean(
    text_or_html: str,
    kind: Literal["auto", "text", "html"] = "auto",
    title: str | None = None,
    date: str | None = None,
    source: str | None = None,
    url: str | None = None,
) -> dict[str, Any]:
    """Cleans one article; returns it as `storyline clean --format json` writes it."""

def rouge(
    system: Union[str, Sequence[str]],
    references: Union[str, Sequence[str], Sequence[Sequence[str]]],
    flavor: Literal["rouge-score", "rouge155"] = "rouge-score",
    stem: bool = True,
    words: int | None = None,
) -> dict[str, dict[str, float]]:
    """ROUGE-1, -2, -L and -SU4 (recall, precision, f) of a summary against references."""

def process_batch(batch: Any) -> Any:
    """The per-article part of the pipeline over an Arrow record batch (anything with
    `__arrow_c_array__`); returns a pyarrow.RecordBatch, one row per record."""

def expand_paths(paths: Sequence[Union[str, "os.PathLike[str]"]]) -> list[tuple[str | None, str | None]]:
    """The input files of `storyline ingest PATH...` in its order: (path, None), or
    (None, message) for an input that cannot be read."""

class RecordReader:
    """One input file's records as `storyline ingest` reads them, `rows` at a time:
    pyarrow.RecordBatch with `name`, `record`, `raw` (JSON) and `error`."""

    def __init__(self, path: Union[str, "os.PathLike[str]"], rows: int = 1000) -> None: ...
    def __iter__(self) -> "RecordReader": ...
    def __next__(self) -> Any: ...

class Replayer:
    """The ingest's sequential step over processed batches, in input order (the Ray
    backfill's placing actor). `push` and `finish` return completed ingest batches as
    (meta dict, pyarrow.RecordBatch of article rows); `finish` also the account."""

    def __init__(
        self, batch: int = 500, words: int = 100, window: int | None = None, threshold: float | None = None
    ) -> None: ...
    def push(self, batch: Any) -> list[tuple[dict[str, Any], Any]]: ...
    def finish(self) -> tuple[list[tuple[dict[str, Any], Any]], dict[str, Any]]: ...

def digest_rows(rows: Sequence[str], words: int = 100) -> str | None:
    """One story's digest as JSON, as `storyline ingest` writes it, from its replayed
    rows (the `row` column) in `seq` order; None when there is nothing to digest."""

//! What `storyline.ray` (the Ray backfill) calls: the input files of
//! `storyline ingest` in its order, their records as Arrow batches, the
//! ingest's sequential step replayed over prepared articles, and the digest
//! of one story. Each part is the ingest's own code, so that a backfill
//! equals `storyline ingest` of the same inputs.

use crate::StorylineError;
use arrow_array::builder::{BooleanBuilder, StringBuilder, UInt32Builder, UInt64Builder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_pyarrow::{PyArrowType, ToPyArrow};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use storyline_core::digest::{DigestConfig, build_digest};
use storyline_core::ingest::{DocIter, expand_paths as expand, read_path};
use storyline_core::stream::Placement;
use storyline_store::ArticleRow;
use storyline_store::ingest::{
    Account, Candidate, IngestConfig, ReadyArticle, Replay, ReplayedBatch,
};

fn err(context: &str) -> impl Fn(String) -> PyErr + '_ {
    move |e| StorylineError::new_err(format!("{context}: {e}"))
}

/// expand_paths(paths: list[str]) -> list[tuple[str | None, str | None]]
///
/// The input files of `storyline ingest PATH...`, in the order it reads
/// them (folders walked recursively, in name order): `(path, None)` for a
/// file, `(None, message)` for an input that cannot be read (counted as a
/// skipped record, as by ingest).
#[pyfunction]
pub fn expand_paths(paths: Vec<PathBuf>) -> Vec<(Option<String>, Option<String>)> {
    expand(&paths)
        .into_iter()
        .map(|p| match p {
            Ok(p) => (Some(p.display().to_string()), None),
            Err(e) => (None, Some(e.to_string())),
        })
        .collect()
}

/// The schema of `read_records`' batches.
fn records_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("name", DataType::Utf8, false),
        Field::new("record", DataType::UInt64, false),
        Field::new("raw", DataType::Utf8, true),
        Field::new("error", DataType::Utf8, true),
    ]))
}

/// read_records(path, rows=1000) -> iterator of pyarrow.RecordBatch
///
/// The records of one input file (JSONL, WARC, HTML, text; gzip or not), as
/// `storyline ingest` reads them, `rows` at a time with the GIL released:
/// `name` (the file, as ingest names it), `record` (its number in the file,
/// from 0), `raw` (the record as JSON, what `process_batch` takes) or
/// `error` (the command line's message for a record that cannot be read).
#[pyclass(module = "storyline._storyline")]
pub struct RecordReader {
    name: String,
    docs: Mutex<Option<DocIter>>,
    next: Mutex<u64>,
    rows: usize,
}

#[pymethods]
impl RecordReader {
    #[new]
    #[pyo3(signature = (path, rows = 1000))]
    fn new(path: PathBuf, rows: usize) -> Self {
        RecordReader {
            name: path.display().to_string(),
            docs: Mutex::new(Some(read_path(&path))),
            next: Mutex::new(0),
            rows: rows.max(1),
        }
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        let batch = py.detach(|| -> Result<Option<RecordBatch>, String> {
            let mut docs = self.docs.lock().map_err(|e| e.to_string())?;
            let mut next = self.next.lock().map_err(|e| e.to_string())?;
            let Some(iter) = docs.as_mut() else {
                return Ok(None);
            };
            let mut name = StringBuilder::new();
            let mut record = UInt64Builder::new();
            let mut raw = StringBuilder::new();
            let mut error = StringBuilder::new();
            let mut n = 0;
            for r in iter.by_ref() {
                name.append_value(&self.name);
                record.append_value(*next);
                *next += 1;
                match r {
                    Ok(doc) => {
                        raw.append_value(serde_json::to_string(&doc).map_err(|e| e.to_string())?);
                        error.append_null();
                    }
                    Err(e) => {
                        raw.append_null();
                        error.append_value(e.to_string());
                    }
                }
                n += 1;
                if n >= self.rows {
                    break;
                }
            }
            if n == 0 {
                *docs = None;
                return Ok(None);
            }
            let cols: Vec<ArrayRef> = vec![
                Arc::new(name.finish()),
                Arc::new(record.finish()),
                Arc::new(raw.finish()),
                Arc::new(error.finish()),
            ];
            RecordBatch::try_new(records_schema(), cols)
                .map(Some)
                .map_err(|e| e.to_string())
        });
        match batch.map_err(err(&self.name))? {
            Some(b) => Ok(Some(b.to_pyarrow(py)?.unbind())),
            None => Ok(None),
        }
    }
}

/// The schema of the article rows a replay gives back.
fn rows_schema() -> SchemaRef {
    let s = |n: &str, null: bool| Field::new(n, DataType::Utf8, null);
    Arc::new(Schema::new(vec![
        Field::new("seq", DataType::UInt64, false),
        Field::new("batch", DataType::UInt32, false),
        s("id", false),
        s("story", false),
        s("duplicate_of", true),
        Field::new("set_aside", DataType::Boolean, false),
        s("source", true),
        s("title", false),
        s("published", true),
        s("day", false),
        s("url", true),
        s("path", false),
        s("row", false),
    ]))
}

/// Replay(batch=500, words=100, window=None, threshold=None)
///
/// The sequential step of `storyline ingest` into a new store (the same
/// settings: records per batch, the stream's window and threshold), over
/// records `process_batch` prepared anywhere, pushed in input order.
/// `push(batch)` takes a processed batch (columns `name`, `id`, `path`,
/// `prepped`, `error`) and returns the ingest batches it completed, each as
/// `(meta, rows)`: `meta` a dict (`number`, `oldest_seq`, `key_terms`,
/// `skipped`; what `storyline import` needs besides the rows) and `rows` a
/// pyarrow.RecordBatch of the articles added (`seq`, `batch`, `id`, `story`,
/// `duplicate_of`, `set_aside`, `source`, `title`, `published`, `day`,
/// `url`, `path`, `row`: the stored row as JSON). `finish()` returns the
/// last ones and the account (`storyline ingest`'s, digests aside).
#[pyclass(module = "storyline._storyline")]
pub struct Replayer {
    state: Mutex<Option<(Replay, u64)>>,
}

type Batches = Vec<(Py<PyAny>, Py<PyAny>)>;

/// One replayed batch for Python: its meta as a dict, its rows as Arrow.
fn emit(py: Python<'_>, b: &ReplayedBatch, seq: &mut u64) -> PyResult<(Py<PyAny>, Py<PyAny>)> {
    let meta = PyDict::new(py);
    meta.set_item("number", b.number)?;
    meta.set_item("oldest_seq", b.oldest_seq)?;
    let terms = serde_json::to_string(&b.key_terms).map_err(|e| err("key terms")(e.to_string()))?;
    meta.set_item("key_terms", terms)?;
    let skipped = PyList::empty(py);
    for s in &b.skipped {
        skipped.append((s.input.as_str(), s.message.as_str()))?;
    }
    meta.set_item("skipped", skipped)?;
    let rows = rows_batch(b, seq).map_err(err("replayed rows"))?;
    Ok((meta.into_any().unbind(), rows.to_pyarrow(py)?.unbind()))
}

fn rows_batch(b: &ReplayedBatch, seq: &mut u64) -> Result<RecordBatch, String> {
    let mut seqs = UInt64Builder::new();
    let mut batch = UInt32Builder::new();
    let mut text: Vec<StringBuilder> = (0..10).map(|_| StringBuilder::new()).collect();
    let mut aside = BooleanBuilder::new();
    for r in &b.rows {
        *seq += 1;
        seqs.append_value(*seq);
        batch.append_value(b.number as u32);
        let a = &r.article;
        let dup = match &r.placement {
            Placement::Duplicate { of, .. } => Some(of.as_str()),
            _ => None,
        };
        let day = a
            .published
            .as_ref()
            .map(|p| p.date.to_string())
            .unwrap_or_else(|| "undated".to_string());
        text[0].append_value(&a.id);
        text[1].append_value(r.placement.story());
        text[2].append_option(dup);
        aside.append_value(matches!(r.placement, Placement::SetAside { .. }));
        text[3].append_option(a.source.as_deref());
        text[4].append_value(&a.title);
        text[5].append_option(a.published.as_ref().map(|p| p.iso()));
        text[6].append_value(day);
        text[7].append_option(r.url.as_deref());
        text[8].append_value(&a.path);
        text[9].append_value(serde_json::to_string(r).map_err(|e| e.to_string())?);
    }
    let mut cols: Vec<ArrayRef> = vec![Arc::new(seqs.finish()), Arc::new(batch.finish())];
    let mut text = text
        .into_iter()
        .map(|mut b| Arc::new(b.finish()) as ArrayRef);
    cols.extend(text.by_ref().take(3));
    cols.push(Arc::new(aside.finish()));
    cols.extend(text);
    RecordBatch::try_new(rows_schema(), cols).map_err(|e| e.to_string())
}

#[pymethods]
impl Replayer {
    #[new]
    #[pyo3(signature = (batch = 500, words = 100, window = None, threshold = None))]
    fn new(batch: usize, words: usize, window: Option<usize>, threshold: Option<f64>) -> Self {
        let cfg = IngestConfig {
            batch,
            words,
            window,
            threshold,
        };
        Replayer {
            state: Mutex::new(Some((Replay::new(&cfg), 0))),
        }
    }

    /// Pushes a processed batch's records, in order.
    fn push(&self, py: Python<'_>, batch: PyArrowType<RecordBatch>) -> PyResult<Batches> {
        let rb = batch.0;
        let [name, id, path, prepped, error] =
            ["name", "id", "path", "prepped", "error"].map(|c| crate::string_column(&rb, c));
        let (name, id, path, prepped, error) = (name?, id?, path?, prepped?, error?);
        let mut guard = self
            .state
            .lock()
            .map_err(|e| StorylineError::new_err(e.to_string()))?;
        let Some((replay, seq)) = guard.as_mut() else {
            return Err(PyValueError::new_err("Replayer: finished already"));
        };
        let done = py.detach(|| -> Result<Vec<ReplayedBatch>, String> {
            let mut done = Vec::new();
            for i in 0..rb.num_rows() {
                let n = name[i].clone().unwrap_or_default();
                let rec = match &prepped[i] {
                    Some(p) => Ok(Candidate {
                        id: id[i].clone().unwrap_or_default(),
                        path: path[i].clone().unwrap_or_default(),
                        item: serde_json::from_str::<ReadyArticle>(p)
                            .map_err(|e| format!("{n}: prepped: {e}"))?,
                    }),
                    None => Err(error[i]
                        .clone()
                        .unwrap_or_else(|| format!("{n}: no record"))),
                };
                if let Some(b) = replay.push(n, rec).map_err(|e| e.to_string())? {
                    done.push(b);
                }
            }
            Ok(done)
        });
        let done = done.map_err(err("replay"))?;
        done.iter().map(|b| emit(py, b, seq)).collect()
    }

    /// Ends the replay: the last batch, and the account.
    fn finish(&self, py: Python<'_>) -> PyResult<(Batches, Py<PyAny>)> {
        let mut guard = self
            .state
            .lock()
            .map_err(|e| StorylineError::new_err(e.to_string()))?;
        let Some((replay, mut seq)) = guard.take() else {
            return Err(PyValueError::new_err("Replayer: finished already"));
        };
        let (last, account): (Option<ReplayedBatch>, Account) =
            replay.finish().map_err(|e| err("replay")(e.to_string()))?;
        let batches = last
            .iter()
            .map(|b| emit(py, b, &mut seq))
            .collect::<PyResult<_>>()?;
        let account = serde_json::to_string(&account).map_err(|e| err("account")(e.to_string()))?;
        Ok((batches, crate::loads(py, &account)?))
    }
}

/// digest_rows(rows: list[str], words=100) -> str | None
///
/// The digest of one story as `storyline ingest` writes it (JSON), from its
/// article rows (the `row` column of a replay) in `seq` order; None when the
/// story has nothing to digest.
#[pyfunction]
#[pyo3(signature = (rows, words = 100))]
pub fn digest_rows(py: Python<'_>, rows: Vec<String>, words: usize) -> PyResult<Option<String>> {
    py.detach(|| -> Result<Option<String>, String> {
        let articles = rows
            .iter()
            .map(|r| serde_json::from_str::<ArticleRow>(r).map(|r| r.article))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| format!("a row: {e}"))?;
        let cfg = DigestConfig {
            words,
            ..DigestConfig::default()
        };
        match build_digest(articles, &cfg) {
            Ok(d) => serde_json::to_string(&d)
                .map(Some)
                .map_err(|e| e.to_string()),
            Err(_) => Ok(None),
        }
    })
    .map_err(err("digest"))
}

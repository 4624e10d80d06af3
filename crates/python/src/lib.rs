//! `storyline._storyline`: the core's calls for Python. Inputs are turned
//! into the same records the command line reads (a path is read as a file,
//! a dict as a JSON line, a string as a plain-text file), the work runs
//! with the GIL released, and results come back as the JSON the command
//! line prints, loaded by Python's `json`: `digest()` is `storyline digest
//! --format json`, `clean()` one article of `storyline clean --format json`.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use std::path::PathBuf;
use storyline_core::clean::clean as clean_raw;
use storyline_core::digest::{DigestConfig, build_digest};
use storyline_core::ingest::{
    IngestOptions, InputFormat, RawDoc, expand_paths, read_path, read_reader,
};
use storyline_core::model::Article;
use storyline_core::summarize::Method;
use storyline_store::ingest::NO_BODY;

mod backfill;

pyo3::create_exception!(
    _storyline,
    StorylineError,
    pyo3::exceptions::PyException,
    "An input storyline cannot use, with the message the command line gives."
);

/// One input as given from Python.
enum Input {
    /// A file or folder.
    Path(PathBuf),
    /// A JSON record (the fields of JSONL input).
    Record(String),
    /// A plain-text article (title on its first non-empty line).
    Text(String),
}

/// Reads Python values into inputs: `os.PathLike` → path; `dict` → record;
/// `str` → a path when it names an existing file or folder, else text.
fn inputs(py: Python<'_>, articles: &Bound<'_, PyAny>) -> PyResult<Vec<Input>> {
    let json = py.import("json")?;
    let os = py.import("os")?;
    let pathlike = os.getattr("PathLike")?;
    let items: Vec<Bound<'_, PyAny>> = if articles.is_instance_of::<PyString>()
        || articles.is_instance_of::<PyDict>()
        || articles.is_instance(&pathlike)?
    {
        vec![articles.clone()]
    } else {
        articles
            .try_iter()
            .map_err(|_| {
                PyValueError::new_err(
                    "articles: give a list of texts, dicts (text/html, title, date, source, url, id) or paths",
                )
            })?
            .collect::<PyResult<_>>()?
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        if item.is_instance_of::<PyDict>() {
            let line: String = json.call_method1("dumps", (item,))?.extract()?;
            out.push(Input::Record(line));
        } else if item.is_instance(&pathlike)? {
            let p: String = os.call_method1("fspath", (item,))?.extract()?;
            out.push(Input::Path(PathBuf::from(p)));
        } else if let Ok(s) = item.extract::<String>() {
            let looks_like_path = s.len() < 4096 && !s.contains('\n');
            if looks_like_path && std::path::Path::new(&s).exists() {
                out.push(Input::Path(PathBuf::from(s)));
            } else {
                out.push(Input::Text(s));
            }
        } else {
            return Err(PyValueError::new_err(format!(
                "articles[{i}]: a {} is not an article: give a text, a dict or a path",
                item.get_type().name()?
            )));
        }
    }
    Ok(out)
}

/// Reads one JSON record (the fields of JSONL input) as `ingest` reads a
/// JSONL line, named `name` in messages.
fn read_jsonl_line(name: &str, line: String) -> storyline_core::ingest::DocIter {
    let opts = IngestOptions {
        format: Some(InputFormat::Jsonl),
        ..IngestOptions::default()
    };
    read_reader(name, std::io::Cursor::new(line + "\n"), &opts)
}

/// Cleans a document; an article left with no body is the command line's error.
fn clean_kept(raw: &RawDoc) -> Result<Article, String> {
    let article = clean_raw(raw);
    if article.body.trim().is_empty() {
        return Err(format!("{}: {NO_BODY}", article.path));
    }
    Ok(article)
}

/// Raw documents of the inputs, in order, and the skipped ones with why
/// (the command line's messages: the file or record first).
fn read(inputs: Vec<Input>) -> (Vec<RawDoc>, Vec<String>) {
    let mut docs = Vec::new();
    let mut skipped = Vec::new();
    let text = IngestOptions {
        format: Some(InputFormat::Text),
        ..IngestOptions::default()
    };
    for (i, input) in inputs.into_iter().enumerate() {
        let mut take = |r: storyline_core::Result<RawDoc>| match r {
            Ok(d) => docs.push(d),
            Err(e) => skipped.push(e.to_string()),
        };
        match input {
            Input::Path(p) => {
                let mut bad = Vec::new();
                for f in expand_paths(&[p]) {
                    match f {
                        Ok(path) => read_path(&path).for_each(&mut take),
                        Err(e) => bad.push(e.to_string()),
                    }
                }
                skipped.extend(bad);
            }
            Input::Record(line) => {
                read_jsonl_line(&format!("articles[{i}]"), line).for_each(&mut take)
            }
            Input::Text(t) => {
                read_reader(&format!("articles[{i}]"), std::io::Cursor::new(t), &text)
                    .for_each(&mut take)
            }
        }
    }
    (docs, skipped)
}

/// Cleans in parallel; articles left with no body are skipped, as by the
/// command line. Each kept article comes with its input's URL.
fn clean_all(docs: Vec<RawDoc>, skipped: &mut Vec<String>) -> Vec<(Article, Option<String>)> {
    use rayon::prelude::*;
    let cleaned: Vec<(Result<Article, String>, Option<String>)> = docs
        .into_par_iter()
        .map(|d| (clean_kept(&d), d.url))
        .collect();
    let mut out = Vec::with_capacity(cleaned.len());
    for (a, url) in cleaned {
        match a {
            Ok(a) => out.push((a, url)),
            Err(why) => skipped.push(why),
        }
    }
    out
}

/// Loads JSON text as Python objects.
fn loads(py: Python<'_>, text: &str) -> PyResult<Py<PyAny>> {
    Ok(py.import("json")?.call_method1("loads", (text,))?.unbind())
}

/// Warns about skipped inputs (`StorylineWarning`-style: Python's `UserWarning`).
fn warn_skipped(py: Python<'_>, skipped: &[String]) -> PyResult<()> {
    warn(py, "skipped", skipped)
}

/// Warns with the command line's words (`storyline: {what} {message}`).
fn warn(py: Python<'_>, what: &str, messages: &[String]) -> PyResult<()> {
    let warnings = py.import("warnings")?;
    for m in messages {
        warnings.call_method1("warn", (format!("storyline: {what} {m}"),))?;
    }
    Ok(())
}

/// digest(articles, words=100, method="coverage") -> dict
///
/// Digests articles that tell one story. `articles` is a list of texts
/// (plain text, title on the first line), dicts with `text` (or `html`),
/// `title`, `date`, `source`, `url`, `id`, or paths (files and folders,
/// any format `storyline digest` reads).
///
/// Returns the digest as a dict, exactly the JSON of `storyline digest
/// --format json` (schema in docs/digest.schema.json): `headline`, `date`,
/// `sources`, `summary` (each sentence with its `citations`: article,
/// sentence, byte span), and `analysis` (entities, quotes, numbers,
/// timeline, facts, only_in, conflicts, framing).
///
/// Inputs that cannot be used are skipped with a warning; if none is left,
/// StorylineError. The GIL is released while the digest is built.
#[pyfunction]
#[pyo3(signature = (articles, words = 100, method = "coverage"))]
fn digest(
    py: Python<'_>,
    articles: &Bound<'_, PyAny>,
    words: usize,
    method: &str,
) -> PyResult<Py<PyAny>> {
    let method: Method = method
        .parse()
        .map_err(|e: String| PyValueError::new_err(format!("method: {e}")))?;
    let inputs = inputs(py, articles)?;
    let cfg = DigestConfig {
        words,
        method,
        ..DigestConfig::default()
    };
    let (result, skipped) = py.detach(move || {
        let (docs, mut skipped) = read(inputs);
        let articles = clean_all(docs, &mut skipped)
            .into_iter()
            .map(|(a, _)| a)
            .collect();
        let result = build_digest(articles, &cfg)
            .map_err(|_| "nothing to digest: every input was skipped".to_string())
            .and_then(|d| serde_json::to_string(&d).map_err(|e| e.to_string()));
        (result, skipped)
    });
    warn_skipped(py, &skipped)?;
    match result {
        Ok(text) => loads(py, &text),
        Err(e) if skipped.is_empty() => Err(StorylineError::new_err(e)),
        Err(e) => Err(StorylineError::new_err(format!(
            "{e} ({})",
            skipped.join("; ")
        ))),
    }
}

/// cluster(articles) -> list of dict
///
/// Groups articles into stories, as `storyline stories PATH... --format
/// json` does: in date order, near-duplicates merged into the story of the
/// article they copy (`duplicate_of`), pages with too little article text
/// set aside as stories of their own (`set_aside`). `articles` as for
/// `digest()`.
///
/// Returns a list of stories, each {"id", "headline", "first", "last",
/// "key_terms", "set_aside", "articles": [{"id", "title", "source", "url",
/// "path", "published", "duplicate_of"?}]}, exactly that command's JSON.
/// Inputs that cannot be used are skipped with a warning; if none is left,
/// StorylineError. The GIL is released while the stories are made.
#[pyfunction]
fn cluster(py: Python<'_>, articles: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    use storyline_core::stream::{StreamConfig, cluster_batch};
    let inputs = inputs(py, articles)?;
    let (result, skipped, aside) = py.detach(move || {
        use rayon::prelude::*;
        let (docs, skipped) = read(inputs);
        // Every record read is placed, as by `storyline stories`: one with
        // no body text left after cleaning is a set-aside story of its own.
        let (cleaned, urls): (Vec<Article>, Vec<Option<String>>) =
            docs.into_par_iter().map(|d| (clean_raw(&d), d.url)).unzip();
        let aside: Vec<String> = cleaned
            .iter()
            .filter(|a| a.body.trim().is_empty())
            .map(|a| format!("{}: {NO_BODY}", a.path))
            .collect();
        if cleaned.is_empty() {
            return (
                Err("nothing to cluster: every input was skipped".to_string()),
                skipped,
                aside,
            );
        }
        let stories = cluster_batch(&cleaned, StreamConfig::default());
        let listings: Vec<_> = stories.iter().map(|s| s.listing(&cleaned, &urls)).collect();
        (
            serde_json::to_string(&listings).map_err(|e| e.to_string()),
            skipped,
            aside,
        )
    });
    warn_skipped(py, &skipped)?;
    warn(py, "set aside", &aside)?;
    match result {
        Ok(text) => loads(py, &text),
        Err(e) => Err(StorylineError::new_err(e)),
    }
}

/// clean(text_or_html, kind="auto", title=None, date=None, source=None, url=None) -> dict
///
/// Cleans one article: site chrome dropped line by line with its reason,
/// title, standfirst, dateline and publication date found. `kind` is
/// "text", "html" or "auto" (HTML when the input opens with markup).
///
/// Returns the cleaned article as `storyline clean --format json` writes
/// each one: `title`, `published`, `body` (the kept text, byte-exact),
/// `paragraphs`, `dropped` (line, text, reason), ... Raises StorylineError
/// when nothing usable is left (the command line's message).
#[pyfunction]
#[pyo3(signature = (text_or_html, kind = "auto", title = None, date = None, source = None, url = None))]
fn clean(
    py: Python<'_>,
    text_or_html: String,
    kind: &str,
    title: Option<String>,
    date: Option<String>,
    source: Option<String>,
    url: Option<String>,
) -> PyResult<Py<PyAny>> {
    let format = match kind {
        "auto" => None,
        "text" => Some(InputFormat::Text),
        "html" => Some(InputFormat::Html),
        other => {
            return Err(PyValueError::new_err(format!(
                "kind: {other:?} is not \"auto\", \"text\" or \"html\""
            )));
        }
    };
    let result = py.detach(move || -> Result<String, String> {
        let has_meta = title.is_some() || date.is_some() || source.is_some() || url.is_some();
        let mut docs = if has_meta {
            // With metadata, the input is a JSONL record, read as `ingest` reads one.
            let html = format == Some(InputFormat::Html)
                || (format.is_none()
                    && InputFormat::sniff(text_or_html.as_bytes()) == InputFormat::Html);
            let mut rec = serde_json::Map::new();
            rec.insert(
                if html { "html" } else { "text" }.into(),
                text_or_html.into(),
            );
            for (k, v) in [
                ("title", title),
                ("date", date),
                ("source", source),
                ("url", url),
            ] {
                if let Some(v) = v {
                    rec.insert(k.into(), v.into());
                }
            }
            read_jsonl_line("<text>", serde_json::Value::Object(rec).to_string())
        } else {
            let opts = IngestOptions {
                format,
                ..IngestOptions::default()
            };
            read_reader(
                "<text>",
                std::io::Cursor::new(text_or_html.into_bytes()),
                &opts,
            )
        };
        let raw = docs
            .next()
            .ok_or_else(|| "<text>: empty input".to_string())?
            .map_err(|e| e.to_string())?;
        let article = clean_kept(&raw)?;
        serde_json::to_string(&article).map_err(|e| e.to_string())
    });
    match result {
        Ok(text) => loads(py, &text),
        Err(e) => Err(StorylineError::new_err(e)),
    }
}

/// rouge(system, references, flavor="rouge-score", stem=True, words=None) -> dict
///
/// ROUGE of a system summary against one or more references. `system` is
/// a text or a list of sentences; `references` a text, a list of texts, or
/// a list of lists of sentences. `flavor` is "rouge-score" (Google's
/// package: F of the best reference) or "rouge155" (ROUGE-1.5.5: averaged
/// over references, WordNet exceptions); `stem` is `-m`; `words` cuts
/// every text to its first N words (`-l N`).
///
/// Returns {"rouge1": {"recall", "precision", "f"}, "rouge2": ..., "rougeL": ..., "rougeSU4": ...}.
#[pyfunction]
#[pyo3(signature = (system, references, flavor = "rouge-score", stem = true, words = None))]
fn rouge(
    py: Python<'_>,
    system: &Bound<'_, PyAny>,
    references: &Bound<'_, PyAny>,
    flavor: &str,
    stem: bool,
    words: Option<usize>,
) -> PyResult<Py<PyAny>> {
    use storyline_core::eval::rouge::{Limit, Rouge, RougeConfig};
    let mut cfg = match flavor {
        "rouge-score" | "rouge_score" => RougeConfig::rouge_score(stem),
        "rouge155" | "rouge-1.5.5" => RougeConfig::rouge155(stem),
        other => {
            return Err(PyValueError::new_err(format!(
                "flavor: {other:?} is not \"rouge-score\" or \"rouge155\""
            )));
        }
    };
    if let Some(n) = words {
        cfg.limit = Limit::Words(n);
    }
    let sentences = |v: &Bound<'_, PyAny>, what: &str| -> PyResult<Vec<String>> {
        if let Ok(s) = v.extract::<String>() {
            return Ok(vec![s]);
        }
        v.extract::<Vec<String>>()
            .map_err(|_| PyValueError::new_err(format!("{what}: a text or a list of sentences")))
    };
    let sys = sentences(system, "system")?;
    let refs: Vec<Vec<String>> = if let Ok(s) = references.extract::<String>() {
        vec![vec![s]]
    } else if let Ok(list) = references.cast::<PyList>() {
        list.iter()
            .enumerate()
            .map(|(i, r)| sentences(&r, &format!("references[{i}]")))
            .collect::<PyResult<_>>()?
    } else {
        return Err(PyValueError::new_err(
            "references: a text, a list of texts, or a list of lists of sentences",
        ));
    };
    if refs.is_empty() {
        return Err(PyValueError::new_err("references: none given"));
    }
    let scores = py.detach(move || Rouge::new(cfg).score(&sys, &refs));
    let out = PyDict::new(py);
    let score = |s: storyline_core::eval::rouge::Score| -> PyResult<Bound<'_, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("recall", s.recall)?;
        d.set_item("precision", s.precision)?;
        d.set_item("f", s.f)?;
        Ok(d)
    };
    out.set_item("rouge1", score(scores.rouge1())?)?;
    out.set_item("rouge2", score(scores.rouge2())?)?;
    out.set_item("rougeL", score(scores.l)?)?;
    out.set_item("rougeSU4", score(scores.su4)?)?;
    Ok(out.into_any().unbind())
}

/// A string column of a batch as owned values (`None` for nulls, or for
/// every row when the column is absent).
fn string_column(batch: &arrow_array::RecordBatch, name: &str) -> PyResult<Vec<Option<String>>> {
    use arrow_array::{Array, LargeStringArray, StringArray, StringViewArray};
    let Some(col) = batch.column_by_name(name) else {
        return Ok(vec![None; batch.num_rows()]);
    };
    let get = |i: usize| -> Option<String> {
        if col.is_null(i) {
            return None;
        }
        if let Some(a) = col.as_any().downcast_ref::<StringArray>() {
            Some(a.value(i).to_string())
        } else if let Some(a) = col.as_any().downcast_ref::<LargeStringArray>() {
            Some(a.value(i).to_string())
        } else {
            col.as_any()
                .downcast_ref::<StringViewArray>()
                .map(|a| a.value(i).to_string())
        }
    };
    let known = matches!(
        col.data_type(),
        arrow_schema::DataType::Utf8
            | arrow_schema::DataType::LargeUtf8
            | arrow_schema::DataType::Utf8View
    );
    if !known {
        return Err(PyValueError::new_err(format!(
            "batch: column {name:?} is {}, not a string column",
            col.data_type()
        )));
    }
    Ok((0..batch.num_rows()).map(get).collect())
}

/// What `process_batch` makes of one record.
struct Processed {
    id: String,
    path: String,
    url: Option<String>,
    source: Option<String>,
    title: String,
    published: Option<String>,
    language: String,
    body: String,
    sentences: u32,
    words: u32,
    minhash: Vec<u32>,
    article: String,
    signature: String,
    /// The stream's input: what `storyline.ray` carries to the replay.
    prepped: String,
}

/// A value as JSON, for a column (the error: `process_batch`'s message).
fn to_json<T: serde::Serialize>(v: &T) -> Result<String, String> {
    serde_json::to_string(v).map_err(|e| format!("as JSON: {e}"))
}

/// The output schema of `process_batch`.
fn processed_schema() -> arrow_schema::SchemaRef {
    use arrow_schema::{DataType, Field, Schema};
    let s = |n: &str, null: bool| Field::new(n, DataType::Utf8, null);
    std::sync::Arc::new(Schema::new(vec![
        s("id", false),
        s("path", false),
        s("url", true),
        s("source", true),
        s("title", true),
        s("published", true),
        s("language", true),
        s("body", true),
        Field::new("sentences", DataType::UInt32, false),
        Field::new("words", DataType::UInt32, false),
        Field::new(
            "minhash",
            DataType::List(std::sync::Arc::new(Field::new(
                "item",
                DataType::UInt32,
                true,
            ))),
            false,
        ),
        s("article", true),
        s("signature", true),
        s("prepped", true),
        s("error", true),
    ]))
}

/// process_batch(batch: pyarrow.RecordBatch) -> pyarrow.RecordBatch
///
/// The per-article, stateless part of the pipeline over a batch of raw
/// records, in parallel with the GIL released: each record read as a JSONL
/// record is (`text` or `html`, `title`, `date`, `source`, `url`, `id`;
/// `path` names it), extracted or cleaned, split into sentences, its
/// language, MinHash signature and article-text words found. Any object
/// with `__arrow_c_array__` is accepted (pyarrow, polars, arro3); columns
/// may be utf8, large_utf8 or utf8_view, and absent.
///
/// Returns a pyarrow.RecordBatch, one row per input row, in order: `id`
/// (as `storyline ingest` would store it), `path`, `url`, `source`,
/// `title`, `published` (ISO), `language`, `body`, `sentences`, `words`
/// (words of article text, counted up to the stream's set-aside threshold),
/// `minhash` (list<uint32>), `article` (the cleaned article as JSON: what
/// the stream and the store take), `signature` (JSON), and `error`: the
/// command line's message when the record could not be used (the other
/// columns are then empty).
#[pyfunction]
fn process_batch(
    py: Python<'_>,
    batch: arrow_pyarrow::PyArrowType<arrow_array::RecordBatch>,
) -> PyResult<Py<PyAny>> {
    use arrow_array::builder::{ListBuilder, StringBuilder, UInt32Builder};
    use rayon::prelude::*;
    use storyline_core::stream::{Stream, StreamConfig};
    let rb = batch.0;
    let cols: Vec<Vec<Option<String>>> = [
        "id", "path", "text", "html", "title", "date", "source", "url", "raw", "error",
    ]
    .iter()
    .map(|c| string_column(&rb, c))
    .collect::<PyResult<_>>()?;
    if ["text", "html", "raw"]
        .iter()
        .all(|c| rb.column_by_name(c).is_none())
    {
        return Err(PyValueError::new_err(
            "batch: needs a \"text\", an \"html\" or a \"raw\" column",
        ));
    }
    let rows = rb.num_rows();
    let rb_has_raw = rb.column_by_name("raw").is_some();
    let cols = &cols;
    let out = py.detach(move || {
        let preparer = Stream::new(StreamConfig::default()).preparer();
        (0..rows)
            .into_par_iter()
            .map(|i| -> Result<Processed, String> {
                let name = cols[1][i].clone().unwrap_or_else(|| format!("batch[{i}]"));
                let raw = match (&cols[8][i], &cols[9][i]) {
                    // A record as `read_records` gives it.
                    (Some(raw), _) => serde_json::from_str::<RawDoc>(raw)
                        .map_err(|e| format!("{name}: raw: {e}"))?,
                    (None, Some(error)) if rb_has_raw => return Err(error.clone()),
                    (None, None) if rb_has_raw => {
                        return Err(format!("{name}: empty record"));
                    }
                    _ => {
                        let mut rec = serde_json::Map::new();
                        for (k, col) in ["id", "text", "html", "title", "date", "source", "url"]
                            .iter()
                            .zip([0usize, 2, 3, 4, 5, 6, 7])
                        {
                            if let Some(v) = &cols[col][i] {
                                rec.insert((*k).into(), v.clone().into());
                            }
                        }
                        let mut docs =
                            read_jsonl_line(&name, serde_json::Value::Object(rec).to_string());
                        let mut raw = docs
                            .next()
                            .ok_or_else(|| format!("{name}: empty record"))?
                            .map_err(|e| e.to_string())?;
                        // The record's own path (`file:line`), as ingest names it.
                        if let Some(p) = &cols[1][i] {
                            raw.path = p.clone();
                        }
                        raw
                    }
                };
                let url = raw.url.clone();
                let ready = storyline_store::ingest::prepare(&preparer, raw);
                let a = &ready.prepared.article;
                Ok(Processed {
                    id: a.id.clone(),
                    path: a.path.clone(),
                    url,
                    source: a.source.clone(),
                    title: a.title.clone(),
                    published: a.published.as_ref().map(|p| p.iso()),
                    language: a.language.clone(),
                    body: a.body.clone(),
                    sentences: ready.sentences.len() as u32,
                    words: ready.prepared.words as u32,
                    minhash: ready.prepared.signature.mins.clone(),
                    article: to_json(a)?,
                    signature: to_json(&ready.prepared.signature)?,
                    prepped: to_json(&ready)?,
                })
            })
            .collect::<Vec<_>>()
    });
    let schema = processed_schema();
    let mut b: Vec<StringBuilder> = (0..8).map(|_| StringBuilder::new()).collect();
    let mut sentences = UInt32Builder::new();
    let mut words = UInt32Builder::new();
    let mut minhash = ListBuilder::new(UInt32Builder::new());
    let mut article = StringBuilder::new();
    let mut signature = StringBuilder::new();
    let mut prepped = StringBuilder::new();
    let mut error = StringBuilder::new();
    for (i, r) in out.into_iter().enumerate() {
        match r {
            Ok(p) => {
                b[0].append_value(&p.id);
                b[1].append_value(&p.path);
                b[2].append_option(p.url.as_deref());
                b[3].append_option(p.source.as_deref());
                b[4].append_value(&p.title);
                b[5].append_option(p.published.as_deref());
                b[6].append_value(&p.language);
                b[7].append_value(&p.body);
                sentences.append_value(p.sentences);
                words.append_value(p.words);
                minhash.values().append_slice(&p.minhash);
                minhash.append(true);
                article.append_value(&p.article);
                signature.append_value(&p.signature);
                prepped.append_value(&p.prepped);
                error.append_null();
            }
            Err(message) => {
                b[0].append_value(cols[0][i].as_deref().unwrap_or(""));
                b[1].append_value(cols[1][i].clone().unwrap_or_else(|| format!("batch[{i}]")));
                for col in b.iter_mut().skip(2) {
                    col.append_null();
                }
                sentences.append_value(0);
                words.append_value(0);
                minhash.append(true);
                article.append_null();
                signature.append_null();
                prepped.append_null();
                error.append_value(message);
            }
        }
    }
    let mut arrays: Vec<arrow_array::ArrayRef> = b
        .iter_mut()
        .map(|x| std::sync::Arc::new(x.finish()) as arrow_array::ArrayRef)
        .collect();
    arrays.push(std::sync::Arc::new(sentences.finish()));
    arrays.push(std::sync::Arc::new(words.finish()));
    arrays.push(std::sync::Arc::new(minhash.finish()));
    arrays.push(std::sync::Arc::new(article.finish()));
    arrays.push(std::sync::Arc::new(signature.finish()));
    arrays.push(std::sync::Arc::new(prepped.finish()));
    arrays.push(std::sync::Arc::new(error.finish()));
    let out = arrow_array::RecordBatch::try_new(schema, arrays)
        .map_err(|e| StorylineError::new_err(format!("building the output batch: {e}")))?;
    use arrow_pyarrow::ToPyArrow;
    Ok(out.to_pyarrow(py)?.unbind())
}

/// The extension module.
#[pymodule]
fn _storyline(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(digest, m)?)?;
    m.add_function(wrap_pyfunction!(clean, m)?)?;
    m.add_function(wrap_pyfunction!(cluster, m)?)?;
    m.add_function(wrap_pyfunction!(rouge, m)?)?;
    m.add_function(wrap_pyfunction!(process_batch, m)?)?;
    m.add_function(wrap_pyfunction!(backfill::expand_paths, m)?)?;
    m.add_function(wrap_pyfunction!(backfill::digest_rows, m)?)?;
    m.add_class::<backfill::RecordReader>()?;
    m.add_class::<backfill::Replayer>()?;
    m.add("StorylineError", m.py().get_type::<StorylineError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}

//! The Ray backfill's output (`python -m storyline.ray backfill … --out
//! DIR`) into a new store: `storyline import --db FILE DIR`.
//!
//! The backfill replays the ingest's sequential step batch by batch
//! ([`crate::ingest::Replay`]) and writes each batch's article rows as
//! Parquet; here each batch is written to the store as [`crate::ingest::Ingest`]
//! would have written it ([`ReplayedBatch::write`]), in the same order, and
//! then the digests the backfill built in parallel, so the store equals the
//! one `storyline ingest` makes of the same inputs.
//!
//! The folder:
//! - `manifest.json`: the ingest settings, the number of batches, the
//!   account, `complete: true` once every part is written;
//! - `batches.parquet`: per batch `number`, `oldest_seq`, `key_terms` (JSON);
//! - `articles/day=YYYY-MM-DD/bNNNNNN-*.parquet` (`day=undated` for articles
//!   without a date): the rows, `seq` (order of the whole run), `batch`,
//!   `row` (the stored row as JSON), and plain columns for other tools;
//! - `digests/*.parquet`: `story`, `digest` (JSON, null when none).

use crate::error::{Error, Result, json};
use crate::ingest::{Account, IngestConfig, Observer, ReplayedBatch};
use crate::store::{ArticleRow, Store};
use arrow_array::{Array, ArrayRef, RecordBatch, StringArray, UInt64Array};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use storyline_core::model::Digest;

/// The manifest of a backfill's output.
#[derive(Debug, serde::Deserialize)]
struct Manifest {
    format: String,
    complete: bool,
    ingest: IngestSettings,
    batches: usize,
    #[serde(default)]
    account: Account,
}

#[derive(Debug, serde::Deserialize)]
struct IngestSettings {
    batch: usize,
    words: usize,
    window: Option<usize>,
    threshold: Option<f64>,
}

/// Key terms of the stories a batch touched.
type KeyTerms = Vec<(String, Vec<String>)>;

/// The format name a backfill writes in its manifest.
pub const FORMAT: &str = "storyline-backfill/1";

fn bad(path: &Path, message: impl Into<String>) -> Error {
    Error::Import {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

/// The record batches of one Parquet file.
fn read_parquet(path: &Path) -> Result<Vec<RecordBatch>> {
    let file = std::fs::File::open(path).map_err(|e| bad(path, e.to_string()))?;
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .and_then(|b| b.build())
        .map_err(|e| bad(path, e.to_string()))?;
    reader
        .map(|b| b.map_err(|e| bad(path, e.to_string())))
        .collect()
}

/// A column as strings (utf8, large_utf8 or utf8_view in the file).
fn strings(batch: &RecordBatch, name: &str, path: &Path) -> Result<StringArray> {
    cast_column(batch, name, path, &arrow_schema::DataType::Utf8)
}

/// A column as unsigned integers.
fn numbers(batch: &RecordBatch, name: &str, path: &Path) -> Result<UInt64Array> {
    cast_column(batch, name, path, &arrow_schema::DataType::UInt64)
}

/// A column cast to `to`, as the array type `A` of that data type.
fn cast_column<A: Array + Clone + 'static>(
    batch: &RecordBatch,
    name: &str,
    path: &Path,
    to: &arrow_schema::DataType,
) -> Result<A> {
    let cast = arrow_cast::cast(column(batch, name, path)?, to)
        .map_err(|e| bad(path, format!("column {name}: {e}")))?;
    cast.as_any()
        .downcast_ref::<A>()
        .cloned()
        .ok_or_else(|| bad(path, format!("column {name} is not {to}")))
}

fn column<'b>(batch: &'b RecordBatch, name: &str, path: &Path) -> Result<&'b ArrayRef> {
    batch
        .column_by_name(name)
        .ok_or_else(|| bad(path, format!("no column {name}")))
}

/// Parquet files under a folder, recursively, in name order.
fn parquet_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| bad(dir, e.to_string()))?
        .map(|e| e.map(|e| e.path()).map_err(|e| bad(dir, e.to_string())))
        .collect::<Result<_>>()?;
    entries.sort();
    for p in entries {
        if p.is_dir() {
            parquet_files(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "parquet") {
            out.push(p);
        }
    }
    Ok(())
}

/// The batch number of an articles file (`bNNNNNN-*.parquet`).
fn batch_of(path: &Path) -> Option<usize> {
    let name = path.file_name()?.to_str()?;
    name.strip_prefix('b')?.split('-').next()?.parse().ok()
}

/// A backfill's output folder, its manifest read and checked.
pub struct Backfill {
    dir: PathBuf,
    manifest: Manifest,
}

impl Backfill {
    /// Opens a backfill's output folder: it must hold a complete backfill
    /// in the format this build reads.
    pub fn open(dir: &Path) -> Result<Backfill> {
        let manifest_path = dir.join("manifest.json");
        let text = std::fs::read_to_string(&manifest_path).map_err(|e| {
            bad(
                &manifest_path,
                format!("{e} (not a backfill's output folder?)"),
            )
        })?;
        let m: Manifest = serde_json::from_str(&text).map_err(json("the backfill's manifest"))?;
        if m.format != FORMAT {
            return Err(bad(
                &manifest_path,
                format!("format {:?}, this build reads {FORMAT:?}", m.format),
            ));
        }
        if !m.complete {
            return Err(bad(
                &manifest_path,
                "the backfill did not finish: run it again to complete it",
            ));
        }
        Ok(Backfill {
            dir: dir.to_path_buf(),
            manifest: m,
        })
    }

    /// Imports it into a new (empty) store; returns the backfill's account
    /// with the digests written.
    pub fn import(self, store: &mut Store, obs: &mut dyn Observer) -> Result<Account> {
        import_dir(store, &self.dir, self.manifest, obs)
    }
}

fn import_dir(
    store: &mut Store,
    dir: &Path,
    m: Manifest,
    obs: &mut dyn Observer,
) -> Result<Account> {
    let (articles, _) = store.counts()?;
    if articles > 0 {
        return Err(Error::Import {
            path: dir.to_path_buf(),
            message: format!(
                "the store already holds {articles} article(s): import into a new store"
            ),
        });
    }
    let cfg = IngestConfig {
        batch: m.ingest.batch,
        words: m.ingest.words,
        window: m.ingest.window,
        threshold: m.ingest.threshold,
    };
    store.stream_config(cfg.stream_config())?;
    store.digest_words(cfg.words)?;

    // Per batch: its oldest window entry and key terms.
    let batches_path = dir.join("batches.parquet");
    let mut metas: BTreeMap<usize, (u64, KeyTerms)> = BTreeMap::new();
    for b in read_parquet(&batches_path)? {
        let number = numbers(&b, "number", &batches_path)?;
        let oldest = numbers(&b, "oldest_seq", &batches_path)?;
        let terms = strings(&b, "key_terms", &batches_path)?;
        for i in 0..b.num_rows() {
            let t = serde_json::from_str(terms.value(i)).map_err(json("a batch's key terms"))?;
            metas.insert(number.value(i) as usize, (oldest.value(i), t));
        }
    }
    if metas.len() != m.batches
        || metas
            .keys()
            .next_back()
            .is_some_and(|&n| n + 1 != m.batches)
    {
        return Err(bad(
            &batches_path,
            format!(
                "{} batch(es) listed, the manifest says {}",
                metas.len(),
                m.batches
            ),
        ));
    }

    // The article files of each batch.
    let mut files = Vec::new();
    let articles_dir = dir.join("articles");
    if articles_dir.is_dir() {
        parquet_files(&articles_dir, &mut files)?;
    }
    let mut by_batch: FxHashMap<usize, Vec<PathBuf>> = FxHashMap::default();
    for f in files {
        let n = batch_of(&f).ok_or_else(|| bad(&f, "not named bNNNNNN-*.parquet"))?;
        by_batch.entry(n).or_default().push(f);
    }
    let mut account = m.account;
    for (number, (oldest_seq, key_terms)) in metas {
        let mut rows: Vec<(u64, ArticleRow)> = Vec::new();
        for f in by_batch.remove(&number).unwrap_or_default() {
            for b in read_parquet(&f)? {
                let seq = numbers(&b, "seq", &f)?;
                let row = strings(&b, "row", &f)?;
                for i in 0..b.num_rows() {
                    let r: ArticleRow =
                        serde_json::from_str(row.value(i)).map_err(json("an article row"))?;
                    rows.push((seq.value(i), r));
                }
            }
        }
        rows.sort_by_key(|(s, _)| *s);
        ReplayedBatch {
            number,
            rows: rows.into_iter().map(|(_, r)| r).collect(),
            key_terms,
            oldest_seq,
            skipped: Vec::new(),
        }
        .write(store)?;
    }
    if let Some((n, f)) = by_batch.into_iter().next() {
        return Err(bad(&f[0], format!("batch {n} is not in batches.parquet")));
    }

    // The digests, written as the ingest writes them: dirty stories in
    // creation order, those without a digest marked clean.
    let mut digests: FxHashMap<String, Option<String>> = FxHashMap::default();
    let mut files = Vec::new();
    let digests_dir = dir.join("digests");
    if digests_dir.is_dir() {
        parquet_files(&digests_dir, &mut files)?;
    }
    for f in &files {
        for b in read_parquet(f)? {
            let story = strings(&b, "story", f)?;
            let digest = strings(&b, "digest", f)?;
            for i in 0..b.num_rows() {
                let d = (!digest.is_null(i)).then(|| digest.value(i).to_string());
                digests.insert(story.value(i).to_string(), d);
            }
        }
    }
    let dirty = store.dirty_stories()?;
    let mut written = 0;
    for chunk in dirty.chunks(64) {
        let mut ok = Vec::with_capacity(chunk.len());
        for id in chunk {
            match digests.get(id) {
                Some(Some(d)) => {
                    let d: Digest = serde_json::from_str(d).map_err(json("a digest"))?;
                    ok.push((id.clone(), d));
                }
                Some(None) => store.mark_clean(id)?,
                None => {
                    return Err(Error::Import {
                        path: digests_dir,
                        message: format!("no digest of story {id}: the backfill did not finish"),
                    });
                }
            }
        }
        written += ok.len();
        store.put_digests(&ok)?;
        obs.digests(written, dirty.len());
    }
    account.digests = written;
    Ok(account)
}

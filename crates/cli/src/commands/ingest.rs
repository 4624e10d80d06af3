//! `storyline ingest PATH... --db FILE`: adds articles to the store,
//! incrementally, with a progress bar and a final account.

use crate::store::{ArticleRow, Store};
use anyhow::Context;
use rayon::prelude::*;
use rustc_hash::FxHashSet;
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use storyline_core::clean::clean;
use storyline_core::cluster::ClusterConfig;
use storyline_core::digest::{DigestConfig, build_digest};
use storyline_core::ingest::RawDoc;
use storyline_core::stream::{Placement, Stream, StreamConfig};
use storyline_core::text::split_sentences;

/// Arguments of `ingest`.
#[derive(Debug, clap::Args)]
pub struct IngestArgs {
    /// Article files or folders (text, HTML, JSONL, WARC). `-`: stdin.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The store (created if absent).
    #[arg(long)]
    pub db: PathBuf,
    /// Input records per transaction.
    #[arg(long, default_value_t = 500)]
    pub batch: usize,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Digest word budget (saved in a new store; later ingests use the saved one).
    #[arg(long, default_value_t = 100)]
    pub words: usize,
    /// Sliding window in articles (saved in a new store).
    #[arg(long)]
    pub window: Option<usize>,
    /// Clustering threshold (saved in a new store).
    #[arg(long)]
    pub threshold: Option<f64>,
    /// No progress bar and no account.
    #[arg(long, short)]
    pub quiet: bool,
}

/// What an ingest did.
#[derive(Debug, Default, serde::Serialize)]
pub struct Account {
    /// Input records read (articles or bad records).
    pub records: usize,
    /// Articles added to the store.
    pub added: usize,
    /// Of those, near-duplicates merged into an earlier article's story.
    pub duplicates: usize,
    /// Of those, pages with too little article text to cluster, each kept
    /// as a story of its own.
    pub set_aside: usize,
    /// Articles already in the store (same id), not added again.
    pub already_stored: usize,
    /// Stories started.
    pub stories_created: usize,
    /// Stories that existed before and got new articles.
    pub stories_updated: usize,
    /// Digests written.
    pub digests: usize,
    /// Inputs skipped, by reason.
    pub skipped: BTreeMap<String, usize>,
}

impl Account {
    /// Records a skipped input; `reason` may start with the input's name
    /// (`file: `, `file:LINE: `), which the message keeps and the count drops.
    fn skip(&mut self, name: &str, reason: &str, quiet: bool, bar: &indicatif::ProgressBar) {
        let bare = reason.strip_prefix(name).unwrap_or(reason);
        let bare = bare
            .trim_start_matches(|c: char| c == ':' || c.is_ascii_digit())
            .trim_start();
        if !quiet {
            if bare.len() < reason.len() {
                bar.suspend(|| eprintln!("storyline: skipped {reason}"));
            } else {
                bar.suspend(|| eprintln!("storyline: skipped {name}: {reason}"));
            }
        }
        let key = bare.split(':').next().unwrap_or(bare).trim().to_string();
        *self.skipped.entry(key).or_default() += 1;
    }

    fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }

    fn print(&self) {
        eprintln!(
            "storyline: {} record(s) read: {} article(s) added ({} near-duplicate(s) merged, {} set aside with too little article text), {} already in the store, {} skipped",
            self.records,
            self.added,
            self.duplicates,
            self.set_aside,
            self.already_stored,
            self.skipped_total()
        );
        eprintln!(
            "storyline: {} story(ies) created, {} updated, {} digest(s) written",
            self.stories_created, self.stories_updated, self.digests
        );
        for (why, n) in &self.skipped {
            eprintln!("storyline:   skipped {n}: {why}");
        }
    }
}

fn progress(quiet: bool) -> indicatif::ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {elapsed} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// Input records, lazily: (name for messages, the record or why it failed).
pub fn records(
    paths: &[PathBuf],
) -> impl Iterator<Item = (String, storyline_core::Result<RawDoc>)> + '_ {
    let stdin = paths.iter().any(|p| p.as_os_str() == "-");
    let stdin_docs = stdin.then(|| {
        storyline_core::ingest::read_reader(
            "<stdin>",
            std::io::stdin(),
            &storyline_core::ingest::IngestOptions::default(),
        )
        .map(|r| ("<stdin>".to_string(), r))
    });
    let files: Vec<PathBuf> = paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    stdin_docs.into_iter().flatten().chain(
        storyline_core::ingest::expand_paths(&files)
            .into_iter()
            .flat_map(
                |f| -> Box<dyn Iterator<Item = (String, storyline_core::Result<RawDoc>)>> {
                    match f {
                        Err(e) => Box::new(std::iter::once((String::new(), Err(e)))),
                        Ok(path) => {
                            let name = path.display().to_string();
                            Box::new(
                                storyline_core::ingest::read_path(&path)
                                    .map(move |r| (name.clone(), r)),
                            )
                        }
                    }
                },
            ),
    )
}

/// The id an input record will have in the store.
fn id_of(raw: &RawDoc) -> String {
    raw.article_id()
}

/// Runs `ingest`.
pub fn run(a: IngestArgs) -> anyhow::Result<ExitCode> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(a.threads.unwrap_or(0))
        .build()
        .context("starting worker threads")?;
    pool.install(|| ingest(&a))
}

fn ingest(a: &IngestArgs) -> anyhow::Result<ExitCode> {
    let mut store = Store::open(&a.db)?;
    let defaults = ClusterConfig::default();
    let cfg = store.stream_config(StreamConfig {
        cluster: ClusterConfig {
            window_articles: a.window.unwrap_or(defaults.window_articles),
            threshold: a.threshold.unwrap_or(defaults.threshold),
            ..defaults
        },
        ..StreamConfig::default()
    })?;
    let words = store.digest_words(a.words)?;
    let mut stream = store.restore_stream(cfg)?;
    let bar = progress(a.quiet);
    let mut acct = Account::default();
    let mut created: FxHashSet<String> = FxHashSet::default();
    let mut touched: FxHashSet<String> = FxHashSet::default();
    let mut batch = Vec::with_capacity(a.batch);
    // One batch into the store, the stream and the account.
    let mut flush = |batch| {
        ingest_batch(
            &mut store,
            &mut stream,
            batch,
            &mut acct,
            &mut created,
            &mut touched,
            a.quiet,
            &bar,
        )
    };
    // Batches are counted in input records (good or bad), so that a rerun
    // after a crash cuts the input at the same places.
    for rec in records(&a.paths) {
        batch.push(rec);
        if batch.len() >= a.batch.max(1) {
            flush(std::mem::take(&mut batch))?;
        }
    }
    if !batch.is_empty() {
        flush(batch)?;
    }
    acct.stories_created = created.len();
    acct.stories_updated = touched.difference(&created).count();
    bar.set_message("writing digests");
    acct.digests = refresh_digests(&mut store, words, &bar)?;
    bar.finish_and_clear();
    if !a.quiet {
        acct.print();
    }
    Ok(super::exit_code(acct.skipped_total()))
}

#[allow(clippy::too_many_arguments)]
fn ingest_batch(
    store: &mut Store,
    stream: &mut Stream,
    batch: Vec<(String, storyline_core::Result<RawDoc>)>,
    acct: &mut Account,
    created: &mut FxHashSet<String>,
    touched: &mut FxHashSet<String>,
    quiet: bool,
    bar: &indicatif::ProgressBar,
) -> anyhow::Result<()> {
    acct.records += batch.len();
    bar.inc(batch.len() as u64);
    let mut fresh = Vec::with_capacity(batch.len());
    let mut ids: FxHashSet<String> = FxHashSet::default();
    for (name, rec) in batch {
        match rec {
            Err(e) => acct.skip(&name, &e.to_string(), quiet, bar),
            Ok(raw) => {
                let id = id_of(&raw);
                if store.has_article(&id)? {
                    acct.already_stored += 1;
                } else if !ids.insert(id) {
                    acct.skip(&raw.path, "an earlier input has the same id", quiet, bar);
                } else {
                    fresh.push(raw);
                }
            }
        }
    }
    let preparer = stream.preparer();
    let prepared: Vec<_> = fresh
        .into_par_iter()
        .map(|raw| {
            let article = clean(&raw);
            if article.body.trim().is_empty() {
                return Err(raw.path);
            }
            let sentences = split_sentences(&article);
            Ok((preparer.prepare(article), sentences, raw.url))
        })
        .collect();
    let mut rows = Vec::with_capacity(prepared.len());
    for p in prepared {
        let (p, sentences, url) = match p {
            Ok(x) => x,
            Err(path) => {
                acct.skip(&path, "no body text left after cleaning", quiet, bar);
                continue;
            }
        };
        let step = stream.push(&p);
        match &step.placement {
            Placement::Duplicate { .. } => acct.duplicates += 1,
            Placement::Clustered {
                story, new: true, ..
            } => {
                created.insert(story.clone());
            }
            Placement::Clustered { .. } => {}
            Placement::SetAside { story, .. } => {
                // A story of its own: created, never updated.
                acct.set_aside += 1;
                created.insert(story.clone());
            }
        }
        touched.insert(step.placement.story().to_string());
        acct.added += 1;
        rows.push(ArticleRow {
            article: p.article,
            url,
            sentences,
            placement: step.placement,
            entry: step.entry,
        });
    }
    let secs = bar.elapsed().as_secs_f64().max(1e-3);
    bar.set_message(format!(
        "{} records ({:.0}/s), {} added, {} near-duplicates, {} new stories",
        acct.records,
        acct.records as f64 / secs,
        acct.added,
        acct.duplicates,
        created.len()
    ));
    let key_terms = |s: &str| stream.clusterer().key_terms(s, 8);
    store.write_batch(&rows, &key_terms, stream.oldest_seq())?;
    Ok(())
}

/// Rebuilds the digests of stories marked dirty; returns how many.
pub fn refresh_digests(
    store: &mut Store,
    words: usize,
    bar: &indicatif::ProgressBar,
) -> anyhow::Result<usize> {
    let dirty = store.dirty_stories()?;
    let cfg = DigestConfig {
        words,
        ..DigestConfig::default()
    };
    let mut written = 0;
    for chunk in dirty.chunks(64) {
        let mut loaded = Vec::with_capacity(chunk.len());
        for id in chunk {
            loaded.push((id.clone(), store.story_articles(id)?));
        }
        let built: Vec<(String, Option<storyline_core::model::Digest>)> = loaded
            .into_par_iter()
            .map(|(id, arts)| (id, build_digest(arts, &cfg).ok()))
            .collect();
        let mut ok = Vec::with_capacity(built.len());
        for (id, d) in built {
            match d {
                Some(d) => ok.push((id, d)),
                None => store.mark_clean(&id)?,
            }
        }
        written += ok.len();
        store.put_digests(&ok)?;
        bar.set_message(format!("{written}/{} digests", dirty.len()));
    }
    Ok(written)
}

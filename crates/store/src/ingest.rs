//! The ingest: input records, in batches, into a store: ids checked against
//! what is stored, articles cleaned and prepared in parallel, placed by the
//! stream in input order (near-duplicate, clustered, set aside), written one
//! transaction per batch; then the digests of the stories touched.
//!
//! `storyline ingest` and the server's `POST /api/v1/articles` both run
//! [`Ingest`]; what they show of it (a progress bar, an HTTP answer) comes
//! through an [`Observer`].

use crate::error::Result;
use crate::store::{ArticleRow, Store};
use rayon::prelude::*;
use rustc_hash::FxHashSet;
use std::collections::BTreeMap;
use std::path::PathBuf;
use storyline_core::clean::clean;
use storyline_core::cluster::ClusterConfig;
use storyline_core::digest::{DigestConfig, build_digest};
use storyline_core::ingest::RawDoc;
use storyline_core::stream::{Placement, Stream, StreamConfig};
use storyline_core::text::split_sentences;

/// One input record: the name for messages, and the record or why it failed.
pub type Record = (String, storyline_core::Result<RawDoc>);

/// Settings of an ingest. The stream settings and word budget are saved by
/// the first ingest into a store; later ones use the saved values.
#[derive(Debug, Clone)]
pub struct IngestConfig {
    /// Input records per transaction.
    pub batch: usize,
    /// Digest word budget (a new store only).
    pub words: usize,
    /// Sliding window in articles (a new store only).
    pub window: Option<usize>,
    /// Clustering threshold (a new store only).
    pub threshold: Option<f64>,
}

impl Default for IngestConfig {
    fn default() -> Self {
        IngestConfig {
            batch: 500,
            words: 100,
            window: None,
            threshold: None,
        }
    }
}

/// What an ingest did.
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
    /// Counts a skipped input under its reason: `reason` may start with the
    /// input's name (`file: `, `file:LINE: `), which the count drops.
    fn skip(&mut self, name: &str, reason: &str) {
        let bare = reason.strip_prefix(name).unwrap_or(reason);
        let bare = bare
            .trim_start_matches(|c: char| c == ':' || c.is_ascii_digit())
            .trim_start();
        let key = bare.split(':').next().unwrap_or(bare).trim().to_string();
        *self.skipped.entry(key).or_default() += 1;
    }

    /// Inputs skipped, all reasons.
    pub fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }
}

/// Where an added article went.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Placed {
    /// The article's id.
    pub article: String,
    /// Its story.
    pub story: String,
    /// The story was started by this ingest.
    pub new_story: bool,
    /// The article it is a near-duplicate of.
    pub duplicate_of: Option<String>,
    /// Set aside: too little article text to cluster.
    pub set_aside: bool,
}

/// A skipped input with the reason, as said to the user.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Skipped {
    /// The input (file, `file:line`, or the record's name).
    pub input: String,
    /// Why, with the input's name in front where it has one.
    pub message: String,
}

/// What the caller shows of an ingest while it runs.
pub trait Observer {
    /// An input was skipped.
    fn skipped(&mut self, _skip: &Skipped) {}
    /// An article was added (after its batch was written), and where it went.
    fn placed(&mut self, _placed: &Placed) {}
    /// A batch was written.
    fn batch(&mut self, _account: &Account, _stories_created: usize) {}
    /// Digests written so far, of how many.
    fn digests(&mut self, _done: usize, _total: usize) {}
}

/// An observer that shows nothing.
pub struct Quiet;
impl Observer for Quiet {}

/// An ingest into an open store.
pub struct Ingest<'s> {
    store: &'s mut Store,
    stream: Stream,
    words: usize,
    batch: usize,
    account: Account,
    created: FxHashSet<String>,
    touched: FxHashSet<String>,
}

impl<'s> Ingest<'s> {
    /// Starts an ingest: the store's saved settings (or `cfg`'s, saved now
    /// in a new store) and its stream restored from the saved window.
    pub fn new(store: &'s mut Store, cfg: &IngestConfig) -> Result<Ingest<'s>> {
        let defaults = ClusterConfig::default();
        let stream_cfg = store.stream_config(StreamConfig {
            cluster: ClusterConfig {
                window_articles: cfg.window.unwrap_or(defaults.window_articles),
                threshold: cfg.threshold.unwrap_or(defaults.threshold),
                ..defaults
            },
            ..StreamConfig::default()
        })?;
        let words = store.digest_words(cfg.words)?;
        let stream = store.restore_stream(stream_cfg)?;
        Ok(Ingest {
            store,
            stream,
            words,
            batch: cfg.batch.max(1),
            account: Account::default(),
            created: FxHashSet::default(),
            touched: FxHashSet::default(),
        })
    }

    /// Reads every record, a batch (counted in input records, good or bad,
    /// so that a rerun after a crash cuts the input at the same places) per
    /// transaction.
    pub fn run(
        &mut self,
        records: impl IntoIterator<Item = Record>,
        obs: &mut dyn Observer,
    ) -> Result<()> {
        let mut batch = Vec::with_capacity(self.batch);
        for rec in records {
            batch.push(rec);
            if batch.len() >= self.batch {
                self.push_batch(std::mem::take(&mut batch), obs)?;
            }
        }
        if !batch.is_empty() {
            self.push_batch(batch, obs)?;
        }
        Ok(())
    }

    /// One batch into the stream and the store, in one transaction.
    pub fn push_batch(&mut self, batch: Vec<Record>, obs: &mut dyn Observer) -> Result<()> {
        let acct = &mut self.account;
        acct.records += batch.len();
        let mut fresh = Vec::with_capacity(batch.len());
        let mut ids: FxHashSet<String> = FxHashSet::default();
        let mut skip = |acct: &mut Account, name: &str, message: String| {
            acct.skip(name, &message);
            let message = if message.starts_with(name) || name.is_empty() {
                message
            } else {
                format!("{name}: {message}")
            };
            obs.skipped(&Skipped {
                input: name.to_string(),
                message,
            });
        };
        for (name, rec) in batch {
            match rec {
                Err(e) => skip(acct, &name, e.to_string()),
                Ok(raw) => {
                    let id = raw.article_id();
                    if self.store.has_article(&id)? {
                        acct.already_stored += 1;
                    } else if !ids.insert(id) {
                        skip(
                            acct,
                            &raw.path,
                            "an earlier input has the same id".to_string(),
                        );
                    } else {
                        fresh.push(raw);
                    }
                }
            }
        }
        let preparer = self.stream.preparer();
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
        let mut placements = Vec::with_capacity(prepared.len());
        for p in prepared {
            let (p, sentences, url) = match p {
                Ok(x) => x,
                Err(path) => {
                    skip(acct, &path, "no body text left after cleaning".to_string());
                    continue;
                }
            };
            let step = self.stream.push(&p);
            let story = step.placement.story().to_string();
            let mut placed = Placed {
                article: p.article.id.clone(),
                story: story.clone(),
                new_story: false,
                duplicate_of: None,
                set_aside: false,
            };
            match &step.placement {
                Placement::Duplicate { of, .. } => {
                    acct.duplicates += 1;
                    placed.duplicate_of = Some(of.clone());
                }
                Placement::Clustered { new: true, .. } => {
                    self.created.insert(story.clone());
                }
                Placement::Clustered { .. } => {}
                Placement::SetAside { .. } => {
                    // A story of its own: created, never updated.
                    acct.set_aside += 1;
                    placed.set_aside = true;
                    self.created.insert(story.clone());
                }
            }
            placed.new_story = self.created.contains(&story);
            self.touched.insert(story);
            acct.added += 1;
            placements.push(placed);
            rows.push(ArticleRow {
                article: p.article,
                url,
                sentences,
                placement: step.placement,
                entry: step.entry,
            });
        }
        let stream = &self.stream;
        let key_terms = |s: &str| stream.clusterer().key_terms(s, 8);
        self.store
            .write_batch(&rows, &key_terms, stream.oldest_seq())?;
        for p in &placements {
            obs.placed(p);
        }
        obs.batch(&self.account, self.created.len());
        Ok(())
    }

    /// Writes the digests of the stories this ingest (or an interrupted
    /// earlier one) left dirty, and returns the account.
    pub fn finish(mut self, obs: &mut dyn Observer) -> Result<Account> {
        self.account.stories_created = self.created.len();
        self.account.stories_updated = self.touched.difference(&self.created).count();
        self.account.digests = refresh_digests(self.store, self.words, obs)?;
        Ok(self.account)
    }
}

/// Rebuilds the digests of stories marked dirty; returns how many.
pub fn refresh_digests(store: &mut Store, words: usize, obs: &mut dyn Observer) -> Result<usize> {
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
        obs.digests(written, dirty.len());
    }
    Ok(written)
}

/// Input records from files, folders (walked recursively, in name order)
/// and `-` (stdin, read first), lazily.
pub fn records(paths: &[PathBuf]) -> impl Iterator<Item = Record> + '_ {
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
            .flat_map(|f| -> Box<dyn Iterator<Item = Record>> {
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
            }),
    )
}

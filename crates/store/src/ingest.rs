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
use storyline_core::model::Sentence;
use storyline_core::stream::{
    Placement, Prepared, Preparer, Stream, StreamConfig, set_aside_reason,
};
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
    /// Of those, pages with too little article text to cluster (or none
    /// left after cleaning), each kept as a story of its own.
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
        // A WARC record's number (`file record 58: why`) is not the reason.
        let bare = bare
            .strip_prefix("record ")
            .map(|r| r.trim_start_matches(|c: char| c.is_ascii_digit() || c == ':'))
            .unwrap_or(bare)
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
    /// Set aside: a story of its own, with too little article text to
    /// cluster, or none.
    pub set_aside: bool,
    /// Why it was set aside ("no body text left after cleaning", "too
    /// little article text (N words)").
    #[serde(default)]
    pub set_aside_reason: Option<String>,
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

/// One admitted input: its article id and path, and what the ingest does
/// with it next.
pub struct Candidate<T> {
    /// The id the article will be stored under.
    pub id: String,
    /// The record's path (`file:line` for a record of a JSONL/WARC file).
    pub path: String,
    /// The record (ingest) or the prepared article (replay).
    pub item: T,
}

/// An article after the per-article step, ready for the stream: the part of
/// an ingest that can run anywhere, in any order (the Ray backfill runs it on
/// many machines and carries it over as JSON).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ReadyArticle {
    /// Cleaned, with its signature and clustering features.
    pub prepared: Prepared,
    /// Its sentences.
    pub sentences: Vec<Sentence>,
    /// Its URL, when the input gave one.
    pub url: Option<String>,
}

/// The message of a record cleaned down to nothing: the set-aside reason of
/// its story (`storyline_core::stream::set_aside_reason`).
pub const NO_BODY: &str = "no body text left after cleaning";

/// The per-article step of an ingest: clean, split, sign and featurize
/// (pure; call it in parallel). A record cleaned down to nothing is still
/// an article: the stream sets it aside as a story of its own, so that
/// every record read is in the store (`stories --all` lists it with why).
pub fn prepare(preparer: &Preparer, raw: RawDoc) -> ReadyArticle {
    let article = clean(&raw);
    let sentences = split_sentences(&article);
    ReadyArticle {
        prepared: preparer.prepare(article),
        sentences,
        url: raw.url,
    }
}

/// The sequential part of an ingest, shared by [`Ingest`] (which writes each
/// batch to a store) and [`Replay`] (which hands each batch back): records
/// admitted by id, articles placed by the stream in input order, the account.
struct Placing {
    stream: Stream,
    account: Account,
    created: FxHashSet<String>,
    touched: FxHashSet<String>,
}

/// What [`Placing::place`] made of one batch.
struct PlacedBatch {
    rows: Vec<ArticleRow>,
    placements: Vec<Placed>,
}

impl Placing {
    fn new(stream: Stream) -> Placing {
        Placing {
            stream,
            account: Account::default(),
            created: FxHashSet::default(),
            touched: FxHashSet::default(),
        }
    }

    fn skip(&mut self, obs: &mut dyn Observer, name: &str, message: String) {
        self.account.skip(name, &message);
        let message = if message.starts_with(name) || name.is_empty() {
            message
        } else {
            format!("{name}: {message}")
        };
        obs.skipped(&Skipped {
            input: name.to_string(),
            message,
        });
    }

    /// Counts a batch's records and keeps the ones to add: bad records are
    /// skipped with their message, ids already stored counted, and a
    /// second record with an id seen earlier in the batch skipped.
    fn admit<T>(
        &mut self,
        batch: Vec<(String, std::result::Result<Candidate<T>, String>)>,
        mut stored: impl FnMut(&str) -> Result<bool>,
        obs: &mut dyn Observer,
    ) -> Result<Vec<Candidate<T>>> {
        self.account.records += batch.len();
        let mut fresh = Vec::with_capacity(batch.len());
        let mut ids: FxHashSet<String> = FxHashSet::default();
        for (name, rec) in batch {
            match rec {
                Err(message) => self.skip(obs, &name, message),
                Ok(c) => {
                    if stored(&c.id)? {
                        self.account.already_stored += 1;
                    } else if !ids.insert(c.id.clone()) {
                        let path = c.path.clone();
                        self.skip(obs, &path, "an earlier input has the same id".to_string());
                    } else {
                        fresh.push(c);
                    }
                }
            }
        }
        Ok(fresh)
    }

    /// Places a batch's prepared articles, in order.
    fn place(&mut self, prepped: Vec<ReadyArticle>) -> PlacedBatch {
        let mut rows = Vec::with_capacity(prepped.len());
        let mut placements = Vec::with_capacity(prepped.len());
        for ready in prepped {
            let ReadyArticle {
                prepared: p,
                sentences,
                url,
            } = ready;
            let acct = &mut self.account;
            let step = self.stream.push(&p);
            let story = step.placement.story().to_string();
            let mut placed = Placed {
                article: p.article.id.clone(),
                story: story.clone(),
                new_story: false,
                duplicate_of: None,
                set_aside: false,
                set_aside_reason: None,
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
                Placement::SetAside { words, .. } => {
                    // A story of its own: created, never updated.
                    acct.set_aside += 1;
                    placed.set_aside = true;
                    placed.set_aside_reason = Some(set_aside_reason(&p.article, *words));
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
        PlacedBatch { rows, placements }
    }

    /// The key terms of a story now (what a batch's write saves).
    fn key_terms(&self, story: &str) -> Vec<String> {
        self.stream.clusterer().key_terms(story, 8)
    }

    /// The account, with the stories counted.
    fn account(&self) -> Account {
        let mut a = self.account.clone();
        a.stories_created = self.created.len();
        a.stories_updated = self.touched.difference(&self.created).count();
        a
    }
}

/// An ingest into an open store.
pub struct Ingest<'s> {
    store: &'s mut Store,
    placing: Placing,
    words: usize,
    batch: usize,
}

impl IngestConfig {
    /// The stream settings of a new store ingested with these settings.
    pub fn stream_config(&self) -> StreamConfig {
        let defaults = ClusterConfig::default();
        StreamConfig {
            cluster: ClusterConfig {
                window_articles: self.window.unwrap_or(defaults.window_articles),
                threshold: self.threshold.unwrap_or(defaults.threshold),
                ..defaults
            },
            ..StreamConfig::default()
        }
    }
}

/// A record as [`Placing::admit`] takes it.
fn candidate(rec: Record) -> (String, std::result::Result<Candidate<RawDoc>, String>) {
    let (name, rec) = rec;
    let c = rec.map_err(|e| e.to_string()).map(|raw| Candidate {
        id: raw.article_id(),
        path: raw.path.clone(),
        item: raw,
    });
    (name, c)
}

impl<'s> Ingest<'s> {
    /// Starts an ingest: the store's saved settings (or `cfg`'s, saved now
    /// in a new store) and its stream restored from the saved window.
    pub fn new(store: &'s mut Store, cfg: &IngestConfig) -> Result<Ingest<'s>> {
        let stream_cfg = store.stream_config(cfg.stream_config())?;
        let words = store.digest_words(cfg.words)?;
        let stream = store.restore_stream(stream_cfg)?;
        Ok(Ingest {
            store,
            placing: Placing::new(stream),
            words,
            batch: cfg.batch.max(1),
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
        let store = &*self.store;
        let fresh = self.placing.admit(
            batch.into_iter().map(candidate).collect(),
            |id| store.has_article(id),
            obs,
        )?;
        let preparer = self.placing.stream.preparer();
        let prepped: Vec<ReadyArticle> = fresh
            .into_par_iter()
            .map(|c| prepare(&preparer, c.item))
            .collect();
        let placed = self.placing.place(prepped);
        let placing = &self.placing;
        self.store.write_batch(
            &placed.rows,
            &|s: &str| placing.key_terms(s),
            placing.stream.oldest_seq(),
        )?;
        for p in &placed.placements {
            obs.placed(p);
        }
        obs.batch(&self.placing.account, self.placing.created.len());
        Ok(())
    }

    /// Writes the digests of the stories this ingest (or an interrupted
    /// earlier one) left dirty, and returns the account.
    pub fn finish(self, obs: &mut dyn Observer) -> Result<Account> {
        let mut account = self.placing.account();
        account.digests = refresh_digests(self.store, self.words, obs)?;
        Ok(account)
    }
}

/// One batch of a [`Replay`]: what [`Ingest`] would have written to a new
/// store in one transaction ([`Store::write_batch`]'s arguments).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ReplayedBatch {
    /// The batch's number, from 0.
    pub number: usize,
    /// The articles added, in order.
    pub rows: Vec<ArticleRow>,
    /// Key terms of the stories the batch touched, after it.
    pub key_terms: Vec<(String, Vec<String>)>,
    /// The oldest window sequence number still in the window after it.
    pub oldest_seq: u64,
    /// Inputs skipped in it.
    pub skipped: Vec<Skipped>,
}

impl ReplayedBatch {
    /// Writes it to a store, as [`Ingest`] wrote it.
    pub fn write(&self, store: &mut Store) -> Result<()> {
        let terms: rustc_hash::FxHashMap<&str, &Vec<String>> = self
            .key_terms
            .iter()
            .map(|(s, t)| (s.as_str(), t))
            .collect();
        store.write_batch(
            &self.rows,
            &|s: &str| terms.get(s).map(|t| (*t).clone()).unwrap_or_default(),
            self.oldest_seq,
        )
    }
}

/// The sequential part of an ingest into a new store, without the store:
/// records already prepared elsewhere ([`prepare`]) go in, in input order,
/// and each batch comes out as [`Ingest`] would have written it. The Ray
/// backfill runs it in one actor, so that its output equals `storyline
/// ingest`'s; [`ReplayedBatch::write`] then makes the store.
pub struct Replay {
    placing: Placing,
    batch: usize,
    pending: Vec<(String, std::result::Result<Candidate<ReadyArticle>, String>)>,
    stored: FxHashSet<String>,
    batches: usize,
}

/// An observer that keeps what was skipped.
#[derive(Default)]
struct Collect(Vec<Skipped>);
impl Observer for Collect {
    fn skipped(&mut self, skip: &Skipped) {
        self.0.push(skip.clone());
    }
}

impl Replay {
    /// A replay into a new store ingested with `cfg`.
    pub fn new(cfg: &IngestConfig) -> Replay {
        Replay {
            placing: Placing::new(Stream::new(cfg.stream_config())),
            batch: cfg.batch.max(1),
            pending: Vec::new(),
            stored: FxHashSet::default(),
            batches: 0,
        }
    }

    /// Takes the next input record (its name, and its prepared article or
    /// the message of why it could not be read); returns a batch when one
    /// is complete.
    pub fn push(
        &mut self,
        name: String,
        rec: std::result::Result<Candidate<ReadyArticle>, String>,
    ) -> Result<Option<ReplayedBatch>> {
        self.pending.push((name, rec));
        if self.pending.len() >= self.batch {
            return self.flush().map(Some);
        }
        Ok(None)
    }

    fn flush(&mut self) -> Result<ReplayedBatch> {
        let mut obs = Collect::default();
        let batch = std::mem::take(&mut self.pending);
        let stored = &self.stored;
        let fresh = self
            .placing
            .admit(batch, |id| Ok(stored.contains(id)), &mut obs)?;
        let placed = self
            .placing
            .place(fresh.into_iter().map(|c| c.item).collect());
        let mut key_terms: Vec<(String, Vec<String>)> = Vec::new();
        let mut seen: FxHashSet<&str> = FxHashSet::default();
        for r in &placed.rows {
            self.stored.insert(r.article.id.clone());
            let s = r.placement.story();
            if seen.insert(s) {
                key_terms.push((s.to_string(), self.placing.key_terms(s)));
            }
        }
        let number = self.batches;
        self.batches += 1;
        Ok(ReplayedBatch {
            number,
            rows: placed.rows,
            key_terms,
            oldest_seq: self.placing.stream.oldest_seq(),
            skipped: obs.0,
        })
    }

    /// Ends the replay: the last, partial batch and the account (digests
    /// not counted: they are built after).
    pub fn finish(mut self) -> Result<(Option<ReplayedBatch>, Account)> {
        let last = if self.pending.is_empty() {
            None
        } else {
            Some(self.flush()?)
        };
        Ok((last, self.placing.account()))
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
/// and `-` (stdin, read first), lazily, read with the default options.
pub fn records(paths: &[PathBuf]) -> impl Iterator<Item = Record> + '_ {
    records_with(paths, storyline_core::ingest::IngestOptions::default())
}

/// [`records`] read with `opts` (the HTML extractor, record limits).
pub fn records_with(
    paths: &[PathBuf],
    opts: storyline_core::ingest::IngestOptions,
) -> impl Iterator<Item = Record> + '_ {
    let stdin = paths.iter().any(|p| p.as_os_str() == "-");
    let stdin_docs = stdin.then(|| {
        storyline_core::ingest::read_reader("<stdin>", std::io::stdin(), &opts)
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
            .flat_map(move |f| -> Box<dyn Iterator<Item = Record>> {
                match f {
                    Err(e) => Box::new(std::iter::once((String::new(), Err(e)))),
                    Ok(path) => {
                        let name = path.display().to_string();
                        Box::new(
                            storyline_core::ingest::read_path_with(&path, &opts)
                                .map(move |r| (name.clone(), r)),
                        )
                    }
                }
            }),
    )
}

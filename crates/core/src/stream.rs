//! The streaming pipeline after cleaning: near-duplicate articles are
//! merged (MinHash/LSH), the others are clustered into stories online.
//!
//! [`prepare`] is pure and runs in parallel (signature and features of one
//! article); [`Stream::push`] is the sequential step, in stream order. Both
//! indexes forget articles that leave the sliding window, so memory stays
//! bounded, and [`Stream::restore`] rebuilds the state from the saved
//! [`StreamEntry`]s of the window.
//!
//! ```
//! use storyline_core::{clean::clean, ingest::RawDoc, stream::{Stream, StreamConfig, Placement}};
//! let mut s = Stream::new(StreamConfig::default());
//! let text = "Port closed by storm\n\nA storm closed the port on Monday and ships waited offshore for two days.";
//! let a = s.prepare(clean(&RawDoc::text("a.txt", text)));
//! let b = s.prepare(clean(&RawDoc::text("b.txt", text)));
//! assert!(matches!(s.push(&a).placement, Placement::Clustered { new: true, .. }));
//! assert!(matches!(s.push(&b).placement, Placement::Duplicate { .. }));
//! ```

use crate::cluster::{ClusterConfig, Clusterer, Features, WindowEntry, features};
use crate::dedup::minhash::{MinHashConfig, MinHasher, NearDupIndex, Signature};
use crate::model::Article;

/// Settings of the stream.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct StreamConfig {
    /// Near-duplicate detection.
    pub minhash: MinHashConfig,
    /// Clustering; its `window_articles` also bounds the near-duplicate index.
    pub cluster: ClusterConfig,
}

/// An article ready for the sequential step.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The article.
    pub article: Article,
    /// MinHash signature of its title and body.
    pub signature: Signature,
    /// Clustering features.
    pub features: Features,
}

/// What happened to an article.
#[derive(Debug, Clone, PartialEq)]
pub enum Placement {
    /// A near-duplicate of an article in the window: it joins that
    /// article's story as a carrier.
    Duplicate {
        /// The article it duplicates.
        of: String,
        /// That article's story.
        story: String,
        /// Estimated Jaccard similarity.
        similarity: f64,
    },
    /// Clustered.
    Clustered {
        /// The story.
        story: String,
        /// True when it started the story.
        new: bool,
        /// Similarity to the story it joined.
        score: f64,
    },
}

impl Placement {
    /// The story the article is in.
    pub fn story(&self) -> &str {
        match self {
            Placement::Duplicate { story, .. } | Placement::Clustered { story, .. } => story,
        }
    }
}

/// What the stream keeps of an article it clustered: saved by the store,
/// given back to [`Stream::restore`].
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct StreamEntry {
    /// The article's id.
    pub article: String,
    /// Its signature.
    pub signature: Signature,
    /// Its clustering state.
    pub cluster: WindowEntry,
}

/// The result of pushing one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// Where it went.
    pub placement: Placement,
    /// The entry added to the window (none for a duplicate).
    pub entry: Option<StreamEntry>,
}

/// The dedup + cluster state of a stream.
pub struct Stream {
    cfg: StreamConfig,
    hasher: MinHasher,
    dedup: NearDupIndex<(String, String)>,
    clusterer: Clusterer,
}

impl Stream {
    /// An empty stream.
    pub fn new(cfg: StreamConfig) -> Self {
        Stream {
            cfg,
            hasher: MinHasher::new(cfg.minhash),
            dedup: NearDupIndex::new(cfg.minhash, cfg.cluster.window_articles),
            clusterer: Clusterer::new(cfg.cluster),
        }
    }

    /// Rebuilds a stream from the entries of its window, oldest first.
    pub fn restore(cfg: StreamConfig, entries: impl IntoIterator<Item = StreamEntry>) -> Self {
        let mut s = Stream::new(cfg);
        let mut window = Vec::new();
        for e in entries {
            s.dedup
                .insert((e.article.clone(), e.cluster.story.clone()), e.signature);
            window.push(e.cluster);
        }
        s.clusterer = Clusterer::restore(cfg.cluster, window);
        s
    }

    /// The settings.
    pub fn config(&self) -> &StreamConfig {
        &self.cfg
    }

    /// The clusterer (key terms, window size).
    pub fn clusterer(&self) -> &Clusterer {
        &self.clusterer
    }

    /// Signature and features of an article (pure: call it in parallel).
    pub fn prepare(&self, article: Article) -> Prepared {
        prepare(&self.hasher, article)
    }

    /// A hasher with this stream's settings, for [`prepare`] on other threads.
    pub fn hasher(&self) -> &MinHasher {
        &self.hasher
    }

    /// The sequential step: merge with a near-duplicate, or cluster.
    pub fn push(&mut self, p: &Prepared) -> Step {
        if let Some(d) = self.dedup.find(&p.signature) {
            return Step {
                placement: Placement::Duplicate {
                    of: d.of.0,
                    story: d.of.1,
                    similarity: d.similarity,
                },
                entry: None,
            };
        }
        let a = self.clusterer.assign(&p.article.id, &p.features);
        self.dedup
            .insert((p.article.id.clone(), a.story.clone()), p.signature.clone());
        Step {
            placement: Placement::Clustered {
                story: a.story,
                new: a.new,
                score: a.score,
            },
            entry: Some(StreamEntry {
                article: p.article.id.clone(),
                signature: p.signature.clone(),
                cluster: a.entry,
            }),
        }
    }

    /// Sequence number of the oldest clustered article still in the window.
    pub fn oldest_seq(&self) -> u64 {
        self.clusterer.oldest_seq()
    }
}

/// Signature and features of an article.
pub fn prepare(hasher: &MinHasher, article: Article) -> Prepared {
    let mut text = String::with_capacity(article.title.len() + article.body.len() + 2);
    text.push_str(&article.title);
    text.push('\n');
    text.push_str(&article.body);
    let signature = hasher.signature(&text);
    let features = features(&article);
    Prepared {
        article,
        signature,
        features,
    }
}

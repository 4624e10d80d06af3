//! The streaming pipeline after cleaning: pages with too little article
//! text are set aside, near-duplicate articles are merged (MinHash/LSH),
//! the others are clustered into stories online.
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
//! let text = "Port closed by storm\n\nA storm closed the port on Monday and ships waited \
//!     offshore for two days while crews cleared the channel of debris. The harbour master \
//!     said trade would resume on Thursday if the weather held, and no one had been hurt.";
//! let a = s.prepare(clean(&RawDoc::text("a.txt", text)));
//! let b = s.prepare(clean(&RawDoc::text("b.txt", text)));
//! assert!(matches!(s.push(&a).placement, Placement::Clustered { new: true, .. }));
//! assert!(matches!(s.push(&b).placement, Placement::Duplicate { .. }));
//! ```

use crate::clean::article_words;
use crate::cluster::{ClusterConfig, Clusterer, Features, WindowEntry, features, story_id};
use crate::dedup::minhash::{MinHashConfig, MinHasher, NearDupIndex, Signature};
use crate::model::{Article, ListedArticle, StoryListing};

/// Settings of the stream.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct StreamConfig {
    /// Near-duplicate detection.
    pub minhash: MinHashConfig,
    /// Clustering; its `window_articles` also bounds the near-duplicate index.
    pub cluster: ClusterConfig,
    /// Fewest words of article text ([`article_words`]) an article needs to
    /// be clustered; pages with fewer (login walls, embedded tweets, capture
    /// notices, stubs) are set aside as stories of their own.
    #[serde(default = "default_min_article_words")]
    pub min_article_words: usize,
}

/// Default of [`StreamConfig::min_article_words`]: about two sentences of
/// news. Too few words to say what a story is about make a page a poor
/// member and a worse seed (its few words then attract unrelated pages).
pub const MIN_ARTICLE_WORDS: usize = 40;

fn default_min_article_words() -> usize {
    MIN_ARTICLE_WORDS
}

impl Default for StreamConfig {
    fn default() -> Self {
        StreamConfig {
            minhash: MinHashConfig::default(),
            cluster: ClusterConfig::default(),
            min_article_words: MIN_ARTICLE_WORDS,
        }
    }
}

/// An article ready for the sequential step. Serializable: the Ray
/// backfill prepares articles on many machines and places them in one.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Prepared {
    /// The article.
    pub article: Article,
    /// MinHash signature of its title and body.
    pub signature: Signature,
    /// Clustering features.
    pub features: Features,
    /// Words of article text ([`article_words`]), counted up to the
    /// stream's `min_article_words`.
    pub words: usize,
}

/// What happened to an article.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
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
    /// Too little article text to be placed in a story
    /// ([`StreamConfig::min_article_words`]): a story of its own, which
    /// nothing joins and which is not matched as a duplicate.
    SetAside {
        /// Its own story.
        story: String,
        /// Its words of article text.
        words: usize,
    },
}

impl Placement {
    /// The story the article is in.
    pub fn story(&self) -> &str {
        match self {
            Placement::Duplicate { story, .. }
            | Placement::Clustered { story, .. }
            | Placement::SetAside { story, .. } => story,
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
    /// The entry added to the window (none for a duplicate or a page set aside).
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
        self.preparer().prepare(article)
    }

    /// What [`Stream::prepare`] needs, to run it on other threads.
    pub fn preparer(&self) -> Preparer {
        Preparer {
            hasher: self.hasher.clone(),
            min_article_words: self.cfg.min_article_words,
        }
    }

    /// The sequential step: set aside, merge with a near-duplicate, or cluster.
    pub fn push(&mut self, p: &Prepared) -> Step {
        if p.words < self.cfg.min_article_words {
            return Step {
                placement: Placement::SetAside {
                    story: story_id(&p.article.id),
                    words: p.words,
                },
                entry: None,
            };
        }
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

/// The pure, parallel half of the stream: a [`Prepared`] article from a
/// cleaned one. Cheap to clone; `Send` and `Sync`.
#[derive(Debug, Clone)]
pub struct Preparer {
    hasher: MinHasher,
    min_article_words: usize,
}

impl Preparer {
    /// Signature, features and words of article text of an article; words
    /// are counted up to `min_article_words` (all the set-aside rule needs).
    pub fn prepare(&self, article: Article) -> Prepared {
        prepare(&self.hasher, article, self.min_article_words)
    }
}

fn prepare(hasher: &MinHasher, article: Article, min_article_words: usize) -> Prepared {
    let mut text = String::with_capacity(article.title.len() + article.body.len() + 2);
    text.push_str(&article.title);
    text.push('\n');
    text.push_str(&article.body);
    let signature = hasher.signature(&text);
    let features = features(&article);
    let words = article_words(&article, min_article_words);
    Prepared {
        article,
        signature,
        features,
        words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::clean;
    use crate::ingest::RawDoc;

    const WALL: &str = "Sign in\n\nYou must log in to continue. Please enable JavaScript to \
                        view this page. We have sent you a verification email.\n";
    const NEWS: &str = "Storm closes port\n\nA storm closed the port of the city on Monday, \
                        officials said, and ships waited offshore for two days while crews \
                        cleared the channel. The harbour master said trade would resume on \
                        Thursday if the weather held, and that no one had been hurt.\n";

    #[test]
    fn pages_without_article_text_are_set_aside_each_on_its_own() {
        let mut s = Stream::new(StreamConfig::default());
        let mut stories = Vec::new();
        for name in ["a.html", "b.html"] {
            let p = s.prepare(clean(&RawDoc::text(name, WALL)));
            let step = s.push(&p);
            assert!(
                matches!(step.placement, Placement::SetAside { words, .. } if words < MIN_ARTICLE_WORDS),
                "{:?}",
                step.placement
            );
            assert!(step.entry.is_none());
            stories.push(step.placement.story().to_string());
        }
        // The second copy is neither merged with the first nor joined to it.
        assert_ne!(stories[0], stories[1]);
        let n = s.prepare(clean(&RawDoc::text("n.txt", NEWS)));
        assert!(matches!(
            s.push(&n).placement,
            Placement::Clustered { new: true, .. }
        ));
    }

    #[test]
    fn the_threshold_is_a_setting() {
        let cfg = StreamConfig {
            min_article_words: 0,
            ..StreamConfig::default()
        };
        let mut s = Stream::new(cfg);
        let p = s.prepare(clean(&RawDoc::text("a.html", WALL)));
        assert!(matches!(s.push(&p).placement, Placement::Clustered { .. }));
    }

    #[test]
    fn a_config_saved_before_the_setting_existed_still_loads() {
        let mut v = serde_json::to_value(StreamConfig::default()).expect("serializes");
        v.as_object_mut()
            .expect("an object")
            .remove("min_article_words");
        let cfg: StreamConfig = serde_json::from_value(v).expect("loads");
        assert_eq!(cfg.min_article_words, MIN_ARTICLE_WORDS);
    }
}

/// A story of a batch clustered in one go.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchStory {
    /// Story id.
    pub id: String,
    /// A page set aside for too little article text.
    pub set_aside: bool,
    /// Why it was set aside ([`set_aside_reason`]).
    pub set_aside_reason: Option<String>,
    /// Members in placement order: index into the batch, and the article it
    /// is a near-duplicate of.
    pub members: Vec<(usize, Option<String>)>,
    /// Key terms.
    pub key_terms: Vec<String>,
}

impl BatchStory {
    /// The story as `storyline stories --format json` lists it; `urls[i]` is
    /// article `i`'s URL.
    pub fn listing(&self, articles: &[Article], urls: &[Option<String>]) -> StoryListing {
        let mut dates: Vec<String> = self
            .members
            .iter()
            .filter_map(|(i, _)| articles[*i].published.as_ref().map(|p| p.date.to_string()))
            .collect();
        dates.sort();
        StoryListing {
            id: self.id.clone(),
            headline: self
                .members
                .first()
                .map(|(i, _)| articles[*i].title.clone())
                .unwrap_or_default(),
            first: dates.first().cloned(),
            last: dates.last().cloned(),
            key_terms: self.key_terms.clone(),
            set_aside: self.set_aside,
            set_aside_reason: self.set_aside_reason.clone(),
            articles: self
                .members
                .iter()
                .map(|(i, dup)| {
                    let x = &articles[*i];
                    ListedArticle {
                        id: x.id.clone(),
                        title: x.title.clone(),
                        source: x.source.clone(),
                        url: urls.get(*i).cloned().flatten(),
                        path: x.path.clone(),
                        published: x.published.as_ref().map(|p| p.iso()),
                        duplicate_of: dup.clone(),
                    }
                })
                .collect(),
        }
    }
}

/// Why an article was set aside: its cleaned body is empty, or it has
/// `words` words of article text, too few to say what story it tells.
pub fn set_aside_reason(article: &Article, words: usize) -> String {
    if article.body.trim().is_empty() {
        "no body text left after cleaning".to_string()
    } else {
        format!("too little article text ({words} words)")
    }
}

/// Clusters a batch of articles in one go, as `storyline stories PATH...`
/// does: in time order ([`crate::cluster::time_order`]), prepared in
/// parallel, placed one by one; stories in order of creation. Every
/// article is in a story: one with no body text left after cleaning is set
/// aside, a story of its own with the reason.
pub fn cluster_batch(articles: &[Article], cfg: StreamConfig) -> Vec<BatchStory> {
    cluster_batch_observed(articles, cfg, |_| {})
}

/// [`cluster_batch`], showing `after_each` the clusterer after each article
/// is placed, in time order (an evaluation reads the time scale it read
/// from the stream, [`Clusterer::time_scale_days`]).
pub fn cluster_batch_observed(
    articles: &[Article],
    cfg: StreamConfig,
    mut after_each: impl FnMut(&Clusterer),
) -> Vec<BatchStory> {
    use rayon::prelude::*;
    let mut stream = Stream::new(cfg);
    let preparer = stream.preparer();
    let order = crate::cluster::time_order(articles);
    let prepared: Vec<Prepared> = order
        .par_iter()
        .map(|&i| preparer.prepare(articles[i].clone()))
        .collect();
    let mut stories: Vec<BatchStory> = Vec::new();
    let mut pos: rustc_hash::FxHashMap<String, usize> = Default::default();
    // Key terms come from the clusterer's window, which forgets a story
    // once its articles are 14 days older than the newest (or 20,000
    // articles back): they are read for the stories touched since, before
    // each new publication date (only a later date makes the window forget
    // by time: the batch is in time order), every `KEY_TERMS_EVERY`
    // articles and at the end; a story forgotten keeps the terms read last.
    const KEY_TERMS_EVERY: usize = 500;
    let mut last_date = None;
    let mut touched: rustc_hash::FxHashSet<usize> = Default::default();
    let refresh = |stream: &Stream,
                   stories: &mut Vec<BatchStory>,
                   touched: &mut rustc_hash::FxHashSet<usize>| {
        for k in touched.drain() {
            let terms = stream.clusterer().key_terms(&stories[k].id, 8);
            if !terms.is_empty() {
                stories[k].key_terms = terms;
            }
        }
    };
    for (n, (p, &i)) in prepared.iter().zip(&order).enumerate() {
        let date = articles[i].published.as_ref().map(|p| p.date);
        if n % KEY_TERMS_EVERY == 0 || date != last_date {
            refresh(&stream, &mut stories, &mut touched);
            last_date = date;
        }
        let step = stream.push(p);
        after_each(stream.clusterer());
        let story = step.placement.story().to_string();
        let (dup, aside) = match &step.placement {
            Placement::Duplicate { of, .. } => (Some(of.clone()), None),
            Placement::SetAside { words, .. } => {
                (None, Some(set_aside_reason(&articles[i], *words)))
            }
            Placement::Clustered { .. } => (None, None),
        };
        let k = *pos.entry(story.clone()).or_insert_with(|| {
            stories.push(BatchStory {
                id: story.clone(),
                set_aside: false,
                set_aside_reason: None,
                members: Vec::new(),
                key_terms: Vec::new(),
            });
            stories.len() - 1
        });
        if let Some(reason) = aside {
            stories[k].set_aside = true;
            stories[k].set_aside_reason.get_or_insert(reason);
        }
        stories[k].members.push((i, dup));
        touched.insert(k);
    }
    refresh(&stream, &mut stories, &mut touched);
    stories
}

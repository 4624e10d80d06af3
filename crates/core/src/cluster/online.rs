//! Online (single-pass) story clustering over a sliding window.
//!
//! Each article is weighted by TF-IDF, where document frequencies are
//! counted over the window, and compared with the centroids of the
//! candidate stories: those that share one of its heaviest terms, found
//! through an inverted index. It joins the best story whose similarity
//! (cosine, scaled by the time gap when both are dated, on a time scale
//! read from the stream: [`Clusterer::time_scale_days`]) reaches the
//! threshold, else it starts a new story.
//!
//! The window holds the last `window_articles` articles (and, for dated
//! articles, only those within `window_days` of the newest one); an
//! article that leaves it is forgotten: its document frequencies, its index
//! entries and its share of its story's centroid. Memory is therefore
//! bounded whatever the stream's length, and the whole state is a function
//! of the window's entries: [`Clusterer::restore`] rebuilds it exactly from
//! the saved [`WindowEntry`]s.

use super::features::{ENTITY_BIT, Features};
use crate::dedup::minhash::fnv1a;
use crate::text::sparse::dot;
use rustc_hash::FxHashMap;
use std::collections::VecDeque;

/// A sparse vector: (feature, weight) pairs.
type SparseVec = Vec<(u32, f32)>;

/// Settings of the online clusterer.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ClusterConfig {
    /// Similarity at or above which an article joins a story.
    pub threshold: f64,
    /// Articles held in the window.
    pub window_articles: usize,
    /// Days a dated article stays in the window after a newer one arrives.
    pub window_days: i64,
    /// Features kept per article vector (the heaviest).
    pub vector_terms: usize,
    /// Features per article used to index it and to find candidates.
    pub index_terms: usize,
    /// Candidate stories scored per article (those sharing most index terms).
    pub max_candidates: usize,
    /// Most recent postings read per index term.
    pub max_postings: usize,
    /// Weight of an entity feature relative to a term.
    pub entity_boost: f32,
    /// The gap in days between two dated articles at which their dates say
    /// nothing either way: closer, the similarity is raised; further apart,
    /// lowered ([`ClusterConfig::time_factor`]). With
    /// [`ClusterConfig::adaptive_time_scale`], the prior of the scale the
    /// stream's own dates set.
    pub time_scale_days: f64,
    /// Set the time scale from the stream itself: from how far apart in
    /// time the dated articles that are similar without their dates fall
    /// ([`Clusterer::time_scale_days`]), starting from `time_scale_days`.
    #[serde(default = "default_adaptive")]
    pub adaptive_time_scale: bool,
    /// How much two dated articles published together gain: their
    /// similarity is multiplied by `1 + time_boost` at a gap of zero days.
    #[serde(default = "default_time_boost")]
    pub time_boost: f64,
    /// How an article is compared with a story.
    pub link: Link,
}

/// How an article is compared with a candidate story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Link {
    /// Cosine with the story's centroid.
    Centroid,
    /// Cosine with the story's most similar article in the window.
    Nearest,
    /// The mean of [`Link::Nearest`] and the story's average cosine over
    /// its most recent window members: one close article is not enough to
    /// pull a page into a large story it shares little else with (the
    /// chaining of single link), yet a small story is joined as readily.
    Blend,
    /// The story's average cosine over its most recent window members
    /// (average link), among the stories of the best [`Link::Nearest`]
    /// candidates. Stricter than [`Link::Blend`] on dated streams, where
    /// the same-day boost makes one close member of a neighbouring story
    /// on the same topic count double. When dated, the cosines of the
    /// dated members are scaled by one time factor, at the gap to the
    /// story's farthest dated member (the story's span with the article),
    /// not each by its own gap.
    Average,
}

/// Members of a story (the most recent) averaged by [`Link::Blend`] and
/// [`Link::Average`].
const BLEND_MEMBERS: usize = 32;
/// Candidate stories (best by nearest article) that [`Link::Blend`] and
/// [`Link::Average`] average.
const BLEND_STORIES: usize = 5;

/// Default of [`ClusterConfig::time_boost`].
pub const TIME_BOOST: f64 = 1.0;

fn default_time_boost() -> f64 {
    TIME_BOOST
}

fn default_adaptive() -> bool {
    true
}

/// Weight of the prior time scale, in similar pairs
/// ([`Clusterer::time_scale_days`]).
const PRIOR_PAIRS: f64 = 20.0;

/// The shortest time scale: publication dates are often only days, and a
/// scale under a day would read one calendar day as strong evidence.
const MIN_TIME_SCALE_DAYS: f64 = 1.0;

/// The gap at which a story's gaps, exponential with mean `mean_days`, are
/// as likely as gaps spread evenly over a window of `window_days`: where
/// `exp(-g / mean) / mean = 1 / window`, i.e. `g = mean · ln(window / mean)`.
fn neutral_gap(mean_days: f64, window_days: f64) -> f64 {
    mean_days * (window_days / mean_days).ln()
}

/// The mean gap whose [`neutral_gap`] is `scale_days` (the rising branch,
/// means up to `window / e`; the largest when the scale is beyond reach).
fn mean_for_scale(scale_days: f64, window_days: f64) -> f64 {
    let (mut lo, mut hi) = (0.0f64, window_days / std::f64::consts::E);
    if scale_days >= neutral_gap(hi, window_days) {
        return hi;
    }
    for _ in 0..60 {
        let mid = 0.5 * (lo + hi);
        if neutral_gap(mid, window_days) < scale_days {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

impl ClusterConfig {
    /// What the dates of two articles say about their being one story, as a
    /// factor on their similarity. Undated (either side): 1, no evidence.
    /// Dated: `(1 + time_boost)^(1 - gap / time_scale_days)`, the gap in
    /// days: the log-odds of one story falling linearly with the gap (gaps
    /// within a story spread exponentially), `1 + time_boost` on the same
    /// day, 1 at `time_scale_days`, `1 / (1 + time_boost)` at twice that.
    /// Time alone never joins: a factor on zero similarity is zero.
    pub fn time_factor(&self, a: Option<i64>, b: Option<i64>) -> f64 {
        self.time_factor_at(self.time_scale_days, a, b)
    }

    /// [`ClusterConfig::time_factor`] with another time scale.
    pub fn time_factor_at(&self, scale_days: f64, a: Option<i64>, b: Option<i64>) -> f64 {
        match (a, b) {
            (Some(a), Some(b)) => {
                let gap_days = (a - b).abs() as f64 / 1440.0;
                let scale = scale_days.max(f64::MIN_POSITIVE);
                (1.0 + self.time_boost.max(0.0)).powf(1.0 - gap_days / scale)
            }
            _ => 1.0,
        }
    }
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            threshold: 0.3,
            window_articles: 20_000,
            window_days: 14,
            vector_terms: 150,
            index_terms: 12,
            max_candidates: 20,
            max_postings: 300,
            entity_boost: 1.5,
            time_scale_days: 2.0,
            adaptive_time_scale: true,
            time_boost: TIME_BOOST,
            link: Link::Average,
        }
    }
}

/// One article in the window: everything the clusterer keeps of it. The
/// store saves these so that the state can be restored.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct WindowEntry {
    /// Position in the stream of clustered articles (0, 1, 2, ...).
    pub seq: u64,
    /// The story it was put in.
    pub story: String,
    /// Publication time (minutes since the epoch), when known.
    pub time: Option<i64>,
    /// Its TF-IDF vector (L2-normalized), sorted by feature.
    pub vector: Vec<(u32, f32)>,
    /// The features it is indexed by (its heaviest), heaviest first.
    pub index: Vec<u32>,
    /// Text of its heaviest features, heaviest first (for key terms).
    pub labels: Vec<String>,
    /// Gaps in whole days to the dated articles it was compared with whose
    /// similarity without dates reached the threshold (the evidence of
    /// [`Clusterer::time_scale_days`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gaps: Vec<u16>,
}

/// Where an article went.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    /// The story's id.
    pub story: String,
    /// True when the article started the story.
    pub new: bool,
    /// Similarity to the story it joined (0 for a new story).
    pub score: f64,
    /// The window entry recorded for it.
    pub entry: WindowEntry,
}

#[derive(Debug, Clone, Default)]
struct StoryState {
    id: String,
    /// Window members' sequence numbers, oldest first.
    members: VecDeque<u64>,
    /// Sum of the members' vectors, sorted by feature.
    centroid: Vec<(u32, f32)>,
    norm: f32,
    /// Latest publication time among members.
    last_time: Option<i64>,
}

/// The online clusterer.
#[derive(Debug, Clone)]
pub struct Clusterer {
    cfg: ClusterConfig,
    next_seq: u64,
    entries: VecDeque<WindowEntry>,
    df: FxHashMap<u32, u32>,
    postings: FxHashMap<u32, VecDeque<u64>>,
    stories: FxHashMap<u64, StoryState>,
    /// Similar dated pairs by their gap in whole days (the last bucket: the
    /// window's length or more), summed over the window's entries.
    gap_counts: Vec<u32>,
    /// The time scale in force for the article being placed.
    scale_days: f64,
    /// The mean gap of the prior ([`mean_for_scale`] of `time_scale_days`).
    prior_mean: f64,
    /// Scratch: index-term hits per window position (all zero between calls).
    hits: Vec<u32>,
    touched: Vec<usize>,
    /// Scratch: the gaps of the article being placed.
    gaps: Vec<u16>,
}

/// A story id from the id of its first article.
pub fn story_id(first_article: &str) -> String {
    format!(
        "s{:015x}",
        crate::dedup::minhash::mix64(fnv1a(first_article.as_bytes())) >> 4
    )
}

fn story_key(id: &str) -> u64 {
    fnv1a(id.as_bytes())
}

fn add_into(acc: &[(u32, f32)], v: &[(u32, f32)]) -> Vec<(u32, f32)> {
    let mut out = Vec::with_capacity(acc.len() + v.len());
    let (mut i, mut j) = (0, 0);
    while i < acc.len() && j < v.len() {
        match acc[i].0.cmp(&v[j].0) {
            std::cmp::Ordering::Less => {
                out.push(acc[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(v[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push((acc[i].0, acc[i].1 + v[j].1));
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&acc[i..]);
    out.extend_from_slice(&v[j..]);
    out
}

/// An article's vector as a small open-addressing table, so that its dot
/// product with each candidate is one probe per candidate feature instead
/// of a branchy merge of two sorted lists (the clusterer's hot loop).
struct Probe {
    keys: Vec<u32>,
    vals: Vec<f32>,
    mask: usize,
}

const EMPTY: u32 = u32::MAX;

impl Probe {
    fn new(v: &[(u32, f32)]) -> Self {
        let size = (v.len() * 4).next_power_of_two().max(16);
        let mut p = Probe {
            keys: vec![EMPTY; size],
            vals: vec![0.0; size],
            mask: size - 1,
        };
        for &(t, w) in v {
            if t == EMPTY {
                continue;
            }
            let mut i = Self::slot(t) & p.mask;
            while p.keys[i] != EMPTY {
                i = (i + 1) & p.mask;
            }
            p.keys[i] = t;
            p.vals[i] = w;
        }
        p
    }

    fn slot(t: u32) -> usize {
        (t.wrapping_mul(0x9e37_79b1) >> 7) as usize
    }

    fn get(&self, t: u32) -> f32 {
        let mut i = Self::slot(t) & self.mask;
        loop {
            let k = self.keys[i];
            if k == t {
                return self.vals[i];
            }
            if k == EMPTY {
                return 0.0;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Dot product with a vector, summed in the vector's order.
    fn dot(&self, b: &[(u32, f32)]) -> f32 {
        b.iter().map(|&(t, w)| self.get(t) * w).sum()
    }
}

fn norm(v: &[(u32, f32)]) -> f32 {
    v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt()
}

impl Clusterer {
    /// An empty clusterer.
    pub fn new(cfg: ClusterConfig) -> Self {
        Clusterer {
            cfg,
            next_seq: 0,
            entries: VecDeque::new(),
            df: FxHashMap::default(),
            postings: FxHashMap::default(),
            stories: FxHashMap::default(),
            gap_counts: vec![0; cfg.window_days.clamp(1, 365) as usize + 1],
            scale_days: cfg.time_scale_days,
            prior_mean: mean_for_scale(cfg.time_scale_days, cfg.window_days.clamp(1, 365) as f64),
            hits: Vec::new(),
            touched: Vec::new(),
            gaps: Vec::new(),
        }
    }

    /// Rebuilds the state from saved window entries (in sequence order): the
    /// result equals the clusterer that recorded them.
    pub fn restore(cfg: ClusterConfig, entries: impl IntoIterator<Item = WindowEntry>) -> Self {
        let mut c = Clusterer::new(cfg);
        for e in entries {
            c.next_seq = e.seq + 1;
            c.push(e);
        }
        c
    }

    /// The settings.
    pub fn config(&self) -> &ClusterConfig {
        &self.cfg
    }

    /// Articles in the window.
    pub fn window_len(&self) -> usize {
        self.entries.len()
    }

    /// Stories with at least one article in the window.
    pub fn live_stories(&self) -> usize {
        self.stories.len()
    }

    /// Sequence number of the oldest article in the window (the next one when empty).
    pub fn oldest_seq(&self) -> u64 {
        self.entries.front().map_or(self.next_seq, |e| e.seq)
    }

    /// The key terms of a story, from the centroid of its window members.
    pub fn key_terms(&self, story: &str, n: usize) -> Vec<String> {
        let Some(s) = self.stories.get(&story_key(story)) else {
            return Vec::new();
        };
        let mut counts: Vec<(String, usize, u64)> = Vec::new();
        for &seq in &s.members {
            let Some(e) = self.entry(seq) else { continue };
            for (rank, l) in e.labels.iter().enumerate() {
                let w = e.labels.len() - rank;
                match counts.iter_mut().find(|c| c.0 == *l) {
                    Some(c) => c.1 += w,
                    None => counts.push((l.clone(), w, seq)),
                }
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)).then(a.0.cmp(&b.0)));
        counts.into_iter().take(n).map(|c| c.0).collect()
    }

    fn entry(&self, seq: u64) -> Option<&WindowEntry> {
        let first = self.entries.front()?.seq;
        self.entries.get(seq.checked_sub(first)? as usize)
    }

    /// Forgets the oldest articles until there is room for one more and
    /// every dated article left is within the time window of `now`.
    fn evict(&mut self, now: Option<i64>) {
        let horizon = now.map(|t| t - self.cfg.window_days * 1440);
        while let Some(front) = self.entries.front() {
            let too_many = self.entries.len() >= self.cfg.window_articles.max(1);
            let too_old = matches!((front.time, horizon), (Some(t), Some(h)) if t < h);
            if !(too_many || too_old) {
                break;
            }
            let Some(e) = self.entries.pop_front() else {
                break;
            };
            self.forget(e);
        }
    }

    fn forget(&mut self, e: WindowEntry) {
        for &g in &e.gaps {
            let b = (g as usize).min(self.gap_counts.len() - 1);
            self.gap_counts[b] = self.gap_counts[b].saturating_sub(1);
        }
        for (t, _) in &e.vector {
            if let Some(n) = self.df.get_mut(t) {
                *n -= 1;
                if *n == 0 {
                    self.df.remove(t);
                }
            }
        }
        for t in &e.index {
            if let Some(list) = self.postings.get_mut(t) {
                if list.front() == Some(&e.seq) {
                    list.pop_front();
                }
                if list.is_empty() {
                    self.postings.remove(t);
                }
            }
        }
        let key = story_key(&e.story);
        let centroid_mode = self.cfg.link == Link::Centroid;
        let members = match self.stories.get_mut(&key) {
            Some(s) => {
                if s.members.front() == Some(&e.seq) {
                    s.members.pop_front();
                }
                if s.members.is_empty() {
                    self.stories.remove(&key);
                    return;
                }
                if !centroid_mode {
                    return;
                }
                s.members.clone()
            }
            None => return,
        };
        // Recomputed from the members in order, not subtracted, so that the
        // floats equal those of a state restored from the same entries.
        let mut centroid: Vec<(u32, f32)> = Vec::new();
        let mut last_time = None;
        for &seq in &members {
            if let Some(m) = self.entry(seq) {
                centroid = add_into(&centroid, &m.vector);
                last_time = last_time.max(m.time);
            }
        }
        if let Some(s) = self.stories.get_mut(&key) {
            s.norm = norm(&centroid);
            s.centroid = centroid;
            s.last_time = last_time;
        }
    }

    /// Adds an entry to the window (the newest) and to its story.
    fn push(&mut self, e: WindowEntry) {
        for &g in &e.gaps {
            let b = (g as usize).min(self.gap_counts.len() - 1);
            self.gap_counts[b] += 1;
        }
        for (t, _) in &e.vector {
            *self.df.entry(*t).or_default() += 1;
        }
        for t in &e.index {
            self.postings.entry(*t).or_default().push_back(e.seq);
        }
        let s = self
            .stories
            .entry(story_key(&e.story))
            .or_insert_with(|| StoryState {
                id: e.story.clone(),
                ..StoryState::default()
            });
        s.members.push_back(e.seq);
        if self.cfg.link == Link::Centroid {
            s.centroid = add_into(&s.centroid, &e.vector);
            s.norm = norm(&s.centroid);
        }
        s.last_time = s.last_time.max(e.time);
        self.entries.push_back(e);
    }

    /// Weighs an article's features by TF-IDF over the window: the vector
    /// (heaviest `vector_terms`, normalized, sorted by feature) and the
    /// features in weight order.
    fn weigh(&self, f: &Features) -> (SparseVec, SparseVec) {
        let n = self.entries.len() as f32;
        let mut w: Vec<(u32, f32)> = f
            .terms
            .iter()
            .map(|&(t, tf)| {
                let df = self.df.get(&t).copied().unwrap_or(0) as f32;
                let idf = ((n + 1.0) / (df + 1.0)).ln() + 1.0;
                let boost = if t & ENTITY_BIT != 0 {
                    self.cfg.entity_boost
                } else {
                    1.0
                };
                (t, tf * idf * boost)
            })
            .collect();
        w.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        w.truncate(self.cfg.vector_terms.max(1));
        let len = norm(&w).max(f32::MIN_POSITIVE);
        for x in &mut w {
            x.1 /= len;
        }
        let mut v = w.clone();
        v.sort_unstable_by_key(|x| x.0);
        (v, w)
    }

    fn time_factor(&self, a: Option<i64>, b: Option<i64>) -> f64 {
        self.cfg.time_factor_at(self.scale_days, a, b)
    }

    /// What the dates say about an article joining a story whose dated
    /// members (in the window) were published at `times`: the time factor
    /// at the gap to the farthest of them, the span the story would have
    /// with the article. A story is one event, and its span is what the
    /// stream's time scale measures; the gap to each member alone lets a
    /// running topic chain from day to day (each day's report close to the
    /// last), which the span does not. 1 when either side is undated.
    fn story_time_factor(&self, time: Option<i64>, times: impl Iterator<Item = i64>) -> f64 {
        let Some(t) = time else { return 1.0 };
        let far = times.max_by_key(|&m| (t - m).abs());
        self.time_factor(Some(t), far)
    }

    /// The time scale the next article is placed with. Fixed
    /// (`time_scale_days`) unless [`ClusterConfig::adaptive_time_scale`];
    /// then it is read from the stream. Each article records the gaps in
    /// whole days to the dated articles it was compared with that are
    /// similar without their dates (cosine at the threshold or above):
    /// pairs of one story, and pairs of different stories on one topic.
    /// Those of different stories fall anywhere in the window, so their
    /// rate is read from the far half of the window (gaps of `window_days /
    /// 2` or more) and taken off each shorter gap; what is left over the
    /// near half are the story pairs, whose mean gap `m` (shrunk towards
    /// the prior's mean by [`PRIOR_PAIRS`]) says how long this stream's
    /// stories run. The scale is the gap at which an exponential spread of
    /// mean `m` is as likely as an even spread over the window,
    /// `m · ln(window_days / m)`, at least a day: a stream of one-day
    /// stories gets a day or a little more, stories spread over two to four
    /// days two to three days (AllSides dev as it is and jittered). The
    /// prior's mean is the one whose scale is `time_scale_days`, so
    /// with no similar dated pairs (an undated stream) the scale is
    /// `time_scale_days` exactly. A function of the window's entries, so
    /// a restored clusterer reads the same scale.
    pub fn time_scale_days(&self) -> f64 {
        let prior = self.cfg.time_scale_days;
        if !self.cfg.adaptive_time_scale {
            return prior;
        }
        let window = (self.gap_counts.len() - 1) as f64;
        let half = (self.gap_counts.len() - 1).div_ceil(2);
        let far = &self.gap_counts[half..self.gap_counts.len() - 1];
        let background = far.iter().map(|&c| c as f64).sum::<f64>() / far.len().max(1) as f64;
        let (mut pairs, mut gap_sum) = (0.0, 0.0);
        for (g, &c) in self.gap_counts[..half].iter().enumerate() {
            let excess = (c as f64 - background).max(0.0);
            pairs += excess;
            gap_sum += g as f64 * excess;
        }
        if pairs == 0.0 {
            return prior;
        }
        let mean = (gap_sum + PRIOR_PAIRS * self.prior_mean) / (pairs + PRIOR_PAIRS);
        let mean = mean.clamp(f64::MIN_POSITIVE, window / std::f64::consts::E);
        neutral_gap(mean, window).max(MIN_TIME_SCALE_DAYS)
    }

    /// The best candidate story for a weighted article: (score, story key).
    fn best_story(
        &mut self,
        vector: &[(u32, f32)],
        index: &[u32],
        time: Option<i64>,
    ) -> Option<(f64, u64)> {
        if self.cfg.link != Link::Centroid {
            return self.best_by_nearest(vector, index, time);
        }
        let mut hits: FxHashMap<u64, (u32, u64)> = FxHashMap::default();
        for t in index {
            let Some(list) = self.postings.get(t) else {
                continue;
            };
            let skip = list.len().saturating_sub(self.cfg.max_postings);
            for &seq in list.iter().skip(skip) {
                let Some(e) = self.entry(seq) else { continue };
                let k = story_key(&e.story);
                let h = hits.entry(k).or_insert((0, seq));
                h.0 += 1;
                h.1 = h.1.min(seq);
            }
        }
        let mut cands: Vec<(u64, u32, u64)> =
            hits.into_iter().map(|(k, (n, s))| (k, n, s)).collect();
        // Most shared index terms first; ties: the story seen first.
        cands.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
        cands.truncate(self.cfg.max_candidates);
        let mut best: Option<(f64, u64, u64)> = None;
        for (k, _, first) in cands {
            let Some(s) = self.stories.get(&k) else {
                continue;
            };
            if s.norm <= 0.0 {
                continue;
            }
            let cos = (dot(vector, &s.centroid) / s.norm) as f64;
            let score = cos * self.time_factor(time, s.last_time);
            if best.is_none_or(|(b, _, bf)| score > b || (score == b && first < bf)) {
                best = Some((score, k, first));
            }
        }
        best.map(|(s, k, _)| (s, k))
    }

    /// Nearest-neighbour link: the candidate articles sharing most index
    /// terms are compared one by one; a story scores as its best article.
    fn best_by_nearest(
        &mut self,
        vector: &[(u32, f32)],
        index: &[u32],
        time: Option<i64>,
    ) -> Option<(f64, u64)> {
        let first = self.entries.front().map_or(0, |e| e.seq);
        if self.hits.len() < self.entries.len() {
            self.hits.resize(self.entries.len(), 0);
        }
        for t in index {
            let Some(list) = self.postings.get(t) else {
                continue;
            };
            let skip = list.len().saturating_sub(self.cfg.max_postings);
            for &seq in list.iter().skip(skip) {
                let pos = (seq - first) as usize;
                if let Some(h) = self.hits.get_mut(pos) {
                    if *h == 0 {
                        self.touched.push(pos);
                    }
                    *h += 1;
                }
            }
        }
        let mut cands: Vec<(u64, u32)> = Vec::with_capacity(self.touched.len());
        for pos in self.touched.drain(..) {
            cands.push((first + pos as u64, self.hits[pos]));
            self.hits[pos] = 0;
        }
        cands.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        cands.truncate(self.cfg.max_candidates);
        let probe = Probe::new(vector);
        let mut gaps = std::mem::take(&mut self.gaps);
        gaps.clear();
        let score = |e: &WindowEntry| probe.dot(&e.vector) as f64 * self.time_factor(time, e.time);
        // Each story's best article: (score, story, seq of that article).
        let mut stories: Vec<(f64, u64, u64)> = Vec::new();
        for (seq, _) in cands {
            let Some(e) = self.entry(seq) else { continue };
            let cos = probe.dot(&e.vector) as f64;
            if let (Some(a), Some(b)) = (time, e.time)
                && cos >= self.cfg.threshold
            {
                gaps.push(((a - b).abs() / 1440).min(u16::MAX as i64) as u16);
            }
            let (sc, k) = (cos * self.time_factor(time, e.time), story_key(&e.story));
            match stories.iter_mut().find(|s| s.1 == k) {
                Some(s) if sc > s.0 || (sc == s.0 && seq < s.2) => *s = (sc, k, seq),
                Some(_) => {}
                None => stories.push((sc, k, seq)),
            }
        }
        let better =
            |a: &(f64, u64, u64), b: &(f64, u64, u64)| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2));
        stories.sort_unstable_by(better);
        // The weight of the nearest article in the story's score.
        let nearest_weight = match self.cfg.link {
            Link::Blend => Some(0.5),
            Link::Average => Some(0.0),
            Link::Nearest | Link::Centroid => None,
        };
        if let Some(w) = nearest_weight {
            stories.truncate(BLEND_STORIES);
            for st in &mut stories {
                let Some(state) = self.stories.get(&st.1) else {
                    continue;
                };
                let recent = || {
                    state
                        .members
                        .iter()
                        .rev()
                        .take(BLEND_MEMBERS)
                        .filter_map(|&m| self.entry(m))
                };
                let (sum, n) = if self.cfg.link == Link::Average {
                    // The dates of the story as a whole: one factor, at
                    // the gap to its farthest dated member, for every
                    // dated member (undated ones: none).
                    let f = self.story_time_factor(time, recent().filter_map(|e| e.time));
                    recent().fold((0.0, 0usize), |(s, n), e| {
                        let cos = probe.dot(&e.vector) as f64;
                        (s + if e.time.is_some() { cos * f } else { cos }, n + 1)
                    })
                } else {
                    recent().fold((0.0, 0usize), |(s, n), e| (s + score(e), n + 1))
                };
                if n > 0 {
                    st.0 = w * st.0 + (1.0 - w) * (sum / n as f64);
                }
            }
            stories.sort_unstable_by(better);
        }
        self.gaps = gaps;
        stories.first().map(|&(s, k, _)| (s, k))
    }

    /// Puts the next article of the stream into a story. `article_id`
    /// names the story when it starts one.
    pub fn assign(&mut self, article_id: &str, f: &Features) -> Assignment {
        self.evict(f.time);
        self.scale_days = self.time_scale_days();
        let (vector, ranked) = self.weigh(f);
        let index: Vec<u32> = ranked
            .iter()
            .take(self.cfg.index_terms)
            .map(|x| x.0)
            .collect();
        let labels: Vec<String> = ranked
            .iter()
            .filter_map(|x| f.labels.get(&x.0).map(|l| l.to_string()))
            .take(8)
            .collect();
        let best = self
            .best_story(&vector, &index, f.time)
            .filter(|(s, _)| *s >= self.cfg.threshold);
        let (story, new, score) =
            match best.and_then(|(s, k)| self.stories.get(&k).map(|st| (st.id.clone(), s))) {
                Some((id, s)) => (id, false, s),
                None => (story_id(article_id), true, 0.0),
            };
        let entry = WindowEntry {
            seq: self.next_seq,
            story: story.clone(),
            time: f.time,
            vector,
            index,
            labels,
            gaps: std::mem::take(&mut self.gaps),
        };
        self.next_seq += 1;
        self.push(entry.clone());
        Assignment {
            story,
            new,
            score,
            entry,
        }
    }

    /// The window's entries, oldest first (what the store saves).
    pub fn entries(&self) -> impl Iterator<Item = &WindowEntry> {
        self.entries.iter()
    }
}

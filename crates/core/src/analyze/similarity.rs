//! Lexical similarity of sentences across the articles of a story: cosine
//! of binary TF-IDF vectors over content stems and entity ids (so that
//! "Abdel Mahdi" and "Abdul Mahdi" count as the same word). Candidate
//! pairs come from an inverted index, as in `dedup`, so only sentences that
//! share a feature are compared.

use super::entities::MentionIndex;
use crate::dedup::SentenceGroups;
use crate::model::SentenceRef;
use crate::text::Corpus;
use rustc_hash::{FxHashMap, FxHashSet};

/// Feature ids at or above this are entity ids (offset), below are stems.
const ENTITY_BASE: u32 = 1 << 30;

/// Pairwise similarities of sentences of different articles.
#[derive(Debug, Default, Clone)]
pub struct Links {
    /// Per article, per sentence: feature set, sorted.
    feats: Vec<Vec<Vec<u32>>>,
    /// Pair → cosine (key: smaller ref first). Only pairs above a floor.
    scores: FxHashMap<(SentenceRef, SentenceRef), f64>,
    /// Near-duplicate groups from `dedup`, per article and sentence.
    group_of: Vec<Vec<usize>>,
    /// Members of each near-duplicate group.
    members: Vec<Vec<SentenceRef>>,
    /// Per sentence, the sentences of other articles it scored with.
    neighbors: FxHashMap<SentenceRef, Vec<(SentenceRef, f64)>>,
}

/// The floor under which pair scores are not kept.
const FLOOR: f64 = 0.15;

impl Links {
    /// Computes the links of a story.
    pub fn new(corpus: &Corpus, groups: &SentenceGroups, mentions: &MentionIndex) -> Links {
        let refs: Vec<SentenceRef> = corpus.refs().collect();
        let mut feats: Vec<Vec<Vec<u32>>> = corpus
            .docs
            .iter()
            .map(|d| vec![Vec::new(); d.sentences.len()])
            .collect();
        for &r in &refs {
            let mut f: Vec<u32> = corpus.terms(r).to_vec();
            f.extend(mentions.of(r).iter().map(|m| ENTITY_BASE + m.2 as u32));
            f.sort_unstable();
            f.dedup();
            feats[r.article][r.sentence] = f;
        }
        let mut df: FxHashMap<u32, u32> = FxHashMap::default();
        let mut postings: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
        for (i, r) in refs.iter().enumerate() {
            for &t in &feats[r.article][r.sentence] {
                *df.entry(t).or_default() += 1;
                postings.entry(t).or_default().push(i);
            }
        }
        let n = refs.len().max(1) as f64;
        let idf = |t: u32| -> f64 { (1.0 + n / *df.get(&t).unwrap_or(&1) as f64).ln() };
        let norms: Vec<f64> = refs
            .iter()
            .map(|r| {
                feats[r.article][r.sentence]
                    .iter()
                    .map(|&t| idf(t).powi(2))
                    .sum::<f64>()
                    .sqrt()
            })
            .collect();
        // Terms in a large share of a big story's sentences carry almost no
        // weight; skipping their postings keeps the pass near-linear (a
        // 10 MB article of one repeated sentence must not be quadratic).
        let max_df = (refs.len() / 10).max(200);
        // Index of the first sentence of each article (refs are in article order).
        let mut article_start: Vec<usize> = vec![refs.len(); corpus.docs.len() + 1];
        for (i, r) in refs.iter().enumerate().rev() {
            article_start[r.article] = i;
        }
        for a in (0..corpus.docs.len()).rev() {
            article_start[a] = article_start[a].min(article_start[a + 1]);
        }
        let mut scores = FxHashMap::default();
        let mut acc: FxHashMap<usize, f64> = FxHashMap::default();
        for (i, r) in refs.iter().enumerate() {
            acc.clear();
            // Only later articles: each pair once.
            let from = article_start[r.article + 1];
            for &t in &feats[r.article][r.sentence] {
                let list = &postings[&t];
                if list.len() > max_df {
                    continue;
                }
                let w = idf(t).powi(2);
                let k = list.partition_point(|&j| j < from);
                for &j in &list[k..] {
                    *acc.entry(j).or_default() += w;
                }
            }
            for (&j, &dot) in &acc {
                let denom = norms[i] * norms[j];
                if denom > 0.0 {
                    let c = dot / denom;
                    if c >= FLOOR {
                        scores.insert((*r, refs[j]), c);
                    }
                }
            }
        }
        let mut neighbors: FxHashMap<SentenceRef, Vec<(SentenceRef, f64)>> = FxHashMap::default();
        for (&(a, b), &sc) in &scores {
            neighbors.entry(a).or_default().push((b, sc));
            neighbors.entry(b).or_default().push((a, sc));
        }
        for v in neighbors.values_mut() {
            v.sort_by_key(|x| x.0);
        }
        Links {
            feats,
            scores,
            group_of: groups.group_of.clone(),
            members: groups.groups.clone(),
            neighbors,
        }
    }

    /// Sentences of other articles that scored with `r` (above the floor).
    pub fn neighbors(&self, r: SentenceRef) -> &[(SentenceRef, f64)] {
        self.neighbors.get(&r).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Near-duplicates of `r` in other articles.
    pub fn duplicates(&self, r: SentenceRef) -> impl Iterator<Item = SentenceRef> + '_ {
        let g = self
            .group_of
            .get(r.article)
            .and_then(|g| g.get(r.sentence))
            .copied();
        g.and_then(|g| self.members.get(g))
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .copied()
            .filter(move |m| m.article != r.article)
            // A pathological group (one sentence repeated thousands of
            // times) must not make callers quadratic.
            .take(200)
    }

    /// Candidates related to `r` in other articles: near-duplicates, then
    /// scored neighbours (each once), with their strength (1 for a duplicate).
    pub fn related(&self, r: SentenceRef) -> Vec<(SentenceRef, f64)> {
        let mut out: Vec<(SentenceRef, f64)> = self.duplicates(r).map(|m| (m, 1.0)).collect();
        for &(m, s) in self.neighbors(r) {
            if !out.iter().any(|x| x.0 == m) {
                out.push((m, s));
            }
        }
        out
    }

    /// Cosine similarity of two sentences (0 below the floor or same article).
    pub fn score(&self, a: SentenceRef, b: SentenceRef) -> f64 {
        let key = if a <= b { (a, b) } else { (b, a) };
        self.scores.get(&key).copied().unwrap_or(0.0)
    }

    /// True when `dedup` put the two sentences in one near-duplicate group.
    pub fn near_duplicate(&self, a: SentenceRef, b: SentenceRef) -> bool {
        a.article != b.article
            && self.group_of.get(a.article).and_then(|g| g.get(a.sentence))
                == self.group_of.get(b.article).and_then(|g| g.get(b.sentence))
    }

    /// Entity ids the two sentences share.
    pub fn shared_entities(&self, a: SentenceRef, b: SentenceRef) -> usize {
        let fa: FxHashSet<u32> = self.feats[a.article][a.sentence]
            .iter()
            .copied()
            .filter(|&t| t >= ENTITY_BASE)
            .collect();
        self.feats[b.article][b.sentence]
            .iter()
            .filter(|t| fa.contains(t))
            .count()
    }

    /// Every scored pair, in a stable order.
    pub fn pairs(&self) -> Vec<(SentenceRef, SentenceRef, f64)> {
        let mut v: Vec<_> = self.scores.iter().map(|(k, &s)| (k.0, k.1, s)).collect();
        v.sort_by_key(|p| (p.0, p.1));
        v
    }
}

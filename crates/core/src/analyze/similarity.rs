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
        let mut scores = FxHashMap::default();
        let mut acc: FxHashMap<usize, f64> = FxHashMap::default();
        for (i, r) in refs.iter().enumerate() {
            acc.clear();
            for &t in &feats[r.article][r.sentence] {
                let w = idf(t).powi(2);
                for &j in &postings[&t] {
                    if j > i && refs[j].article != r.article {
                        *acc.entry(j).or_default() += w;
                    }
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
        Links {
            feats,
            scores,
            group_of: groups.group_of.clone(),
        }
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

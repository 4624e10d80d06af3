//! Centroid summarizer (Radev et al. 2004): sentences scored by cosine
//! similarity of their TF-IDF vector to the story's centroid, plus a
//! position prior and a bonus for sentences several sources carry.

use super::{Budget, Summarizer, SummaryInput, greedy_select};
use crate::model::SentenceRef;
use rustc_hash::FxHashMap;

/// The centroid method and its weights.
#[derive(Debug, Clone, Copy)]
pub struct Centroid {
    /// Weight of the position prior (1/sqrt(1 + index)).
    pub position_weight: f64,
    /// Weight of the share of articles that carry the sentence.
    pub agreement_weight: f64,
    /// Sentences shorter than this many words are not picked.
    pub min_words: usize,
    /// Jaccard overlap above which a sentence is redundant.
    pub max_overlap: f64,
}

impl Default for Centroid {
    fn default() -> Self {
        Centroid {
            position_weight: 0.5,
            agreement_weight: 0.3,
            min_words: 6,
            max_overlap: 0.5,
        }
    }
}

impl Summarizer for Centroid {
    fn name(&self) -> &'static str {
        "centroid"
    }

    fn select(&self, input: SummaryInput<'_>, budget: Budget) -> Vec<SentenceRef> {
        let corpus = input.corpus;
        let n_sent = corpus.sentence_count().max(1) as f64;
        let mut df: FxHashMap<u32, f64> = FxHashMap::default();
        for r in corpus.refs() {
            let mut ts: Vec<u32> = corpus.terms(r).to_vec();
            ts.sort_unstable();
            ts.dedup();
            for t in ts {
                *df.entry(t).or_default() += 1.0;
            }
        }
        let idf = |t: u32| (n_sent / df.get(&t).copied().unwrap_or(1.0)).ln() + 1.0;
        let mut centroid: FxHashMap<u32, f64> = FxHashMap::default();
        for r in corpus.refs() {
            for &t in corpus.terms(r) {
                *centroid.entry(t).or_default() += idf(t);
            }
        }
        let cnorm = centroid
            .values()
            .map(|v| v * v)
            .sum::<f64>()
            .sqrt()
            .max(1e-9);
        let n_docs = corpus.docs.len().max(1) as f64;
        let scored: Vec<(SentenceRef, f64)> = corpus
            .refs()
            .filter(|&r| {
                let s = corpus.sentence(r);
                !s.flags.heading && !s.flags.unterminated && corpus.length(r) >= self.min_words
            })
            .map(|r| {
                let mut v: FxHashMap<u32, f64> = FxHashMap::default();
                for &t in corpus.terms(r) {
                    *v.entry(t).or_default() += idf(t);
                }
                let norm = v.values().map(|x| x * x).sum::<f64>().sqrt().max(1e-9);
                let dot: f64 = v
                    .iter()
                    .map(|(t, w)| w * centroid.get(t).copied().unwrap_or(0.0))
                    .sum();
                let cos = dot / (norm * cnorm);
                // News leads carry the story: the prior decays with the
                // sentence's index, not with its share of the article.
                let position = 1.0 / (1.0 + r.sentence as f64).sqrt();
                let carriers = input.groups.articles_carrying(r).len() as f64;
                let agreement = if n_docs > 1.0 {
                    (carriers - 1.0) / (n_docs - 1.0)
                } else {
                    0.0
                };
                (
                    r,
                    cos + self.position_weight * position + self.agreement_weight * agreement,
                )
            })
            .collect();
        greedy_select(input, &scored, budget, self.max_overlap)
    }
}

//! LexRank (Erkan & Radev 2004), continuous form: PageRank over the graph of
//! TF-IDF cosine similarities above a threshold; sentences taken by rank
//! with redundancy removal.

use super::graph::{pagerank, sentence_idf, tfidf};
use super::{Budget, Summarizer, SummaryInput, candidates, greedy_select};
use crate::model::SentenceRef;
use crate::text::sparse::dot;

/// LexRank and its settings.
#[derive(Debug, Clone, Copy)]
pub struct LexRank {
    /// Similarities below this are no edge (the paper's 0.1).
    pub threshold: f64,
    /// PageRank damping.
    pub damping: f64,
    /// Jaccard overlap above which a sentence is redundant.
    pub max_overlap: f64,
}

impl Default for LexRank {
    fn default() -> Self {
        LexRank {
            threshold: 0.1,
            damping: 0.85,
            max_overlap: 0.5,
        }
    }
}

impl Summarizer for LexRank {
    fn name(&self) -> &'static str {
        "lexrank"
    }

    fn select(&self, input: SummaryInput<'_>, budget: Budget) -> Vec<SentenceRef> {
        let corpus = input.corpus;
        let refs: Vec<SentenceRef> = candidates(corpus, 4).collect();
        let idf = sentence_idf(corpus, &refs);
        let vecs: Vec<_> = refs.iter().map(|&r| tfidf(corpus.terms(r), &idf)).collect();
        let n = refs.len();
        let mut w = vec![0.0; n * n];
        for i in 0..n {
            for j in i + 1..n {
                let s = dot(&vecs[i], &vecs[j]);
                if s >= self.threshold {
                    w[i * n + j] = s;
                    w[j * n + i] = s;
                }
            }
        }
        let rank = pagerank(&w, n, self.damping);
        let scored: Vec<(SentenceRef, f64)> = refs.into_iter().zip(rank).collect();
        greedy_select(input, &scored, budget, self.max_overlap)
    }
}

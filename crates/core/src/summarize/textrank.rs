//! TextRank (Mihalcea & Tarau 2004): PageRank over sentences linked by word
//! overlap normalized by length, `|Si ∩ Sj| / (ln|Si| + ln|Sj|)`.

use super::graph::pagerank;
use super::{Budget, Summarizer, SummaryInput, candidates, greedy_select};
use crate::model::SentenceRef;

/// TextRank and its settings.
#[derive(Debug, Clone, Copy)]
pub struct TextRank {
    /// PageRank damping (the paper's 0.85).
    pub damping: f64,
    /// Jaccard overlap above which a sentence is redundant.
    pub max_overlap: f64,
}

impl Default for TextRank {
    fn default() -> Self {
        TextRank {
            damping: 0.85,
            max_overlap: 0.5,
        }
    }
}

impl Summarizer for TextRank {
    fn name(&self) -> &'static str {
        "textrank"
    }

    fn select(&self, input: SummaryInput<'_>, budget: Budget) -> Vec<SentenceRef> {
        let corpus = input.corpus;
        let refs: Vec<SentenceRef> = candidates(corpus, 4).collect();
        let sets: Vec<Vec<u32>> = refs
            .iter()
            .map(|&r| {
                let mut t = corpus.terms(r).to_vec();
                t.sort_unstable();
                t.dedup();
                t
            })
            .collect();
        let n = refs.len();
        let mut w = vec![0.0; n * n];
        for i in 0..n {
            for j in i + 1..n {
                let (a, b) = (&sets[i], &sets[j]);
                if a.len() < 2 || b.len() < 2 {
                    continue;
                }
                let shared = intersection(a, b);
                if shared > 0 {
                    let s = shared as f64 / ((a.len() as f64).ln() + (b.len() as f64).ln());
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

/// Size of the intersection of two sorted, deduplicated lists.
fn intersection(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

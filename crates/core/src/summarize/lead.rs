//! Lead baseline: the leading sentences of the articles, taken in turn
//! (first sentence of each article, then the second, ...), skipping
//! near-duplicates.

use super::{Budget, Summarizer, SummaryInput, candidates, greedy_select};
use crate::model::SentenceRef;

/// The lead method.
#[derive(Debug, Clone, Copy, Default)]
pub struct Lead;

impl Summarizer for Lead {
    fn name(&self) -> &'static str {
        "lead"
    }

    fn select(&self, input: SummaryInput<'_>, budget: Budget) -> Vec<SentenceRef> {
        let scored: Vec<(SentenceRef, f64)> = candidates(input.corpus, 1)
            .map(|r| (r, -(r.sentence as f64) - r.article as f64 * 1e-3))
            .collect();
        greedy_select(input, &scored, budget, 0.7)
    }
}

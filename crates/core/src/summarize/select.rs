//! Greedy selection under a word budget with redundancy removal: shared by
//! the methods that score sentences one by one.

use super::{Budget, BudgetMode, SummaryInput};
use crate::model::SentenceRef;
use rustc_hash::FxHashSet;

pub use crate::text::count_words;
use crate::text::is_budget_word as is_word;

/// The text up to and including its `n`-th word (as [`count_words`] counts).
pub fn cut_words(s: &str, n: usize) -> String {
    let mut out = String::new();
    let mut seen = 0;
    for w in s.split_whitespace() {
        if seen >= n {
            break;
        }
        if is_word(w) {
            seen += 1;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Picks sentences in score order: skips a sentence whose near-duplicate
/// group is already in, or whose stems overlap a picked one by more than
/// `max_overlap` (Jaccard); stops when the budget is spent.
pub fn greedy_select(
    input: SummaryInput<'_>,
    scored: &[(SentenceRef, f64)],
    budget: Budget,
    max_overlap: f64,
) -> Vec<SentenceRef> {
    let mut order: Vec<&(SentenceRef, f64)> = scored.iter().collect();
    order.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut picked: Vec<SentenceRef> = Vec::new();
    let mut picked_sets: Vec<FxHashSet<u32>> = Vec::new();
    let mut groups_in: FxHashSet<usize> = FxHashSet::default();
    let mut used = 0usize;
    for &&(r, _) in &order {
        if used >= budget.words {
            break;
        }
        let n = input.corpus.length(r);
        if budget.mode == BudgetMode::WholeSentences && used + n > budget.words {
            continue;
        }
        let g = input.groups.group(r);
        if groups_in.contains(&g) {
            continue;
        }
        let set: FxHashSet<u32> = input.corpus.terms(r).iter().copied().collect();
        if picked_sets
            .iter()
            .any(|p| crate::dedup::similarity(p, &set).0 > max_overlap)
        {
            continue;
        }
        used += n;
        groups_in.insert(g);
        picked_sets.push(set);
        picked.push(r);
    }
    picked
}

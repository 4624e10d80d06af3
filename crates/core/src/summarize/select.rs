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

/// The budgeted greedy of concept coverage (Khuller et al. 1999), shared
/// by [`super::Concepts`] and [`super::Learned`]: `pool` holds the candidates
/// (sentence, words, its concepts), `weight` each concept's worth; each
/// step takes the sentence of most unseen weight per word, times the news
/// lead prior `1 + position_weight / sqrt(1 + index in its article)`, one
/// sentence per near-duplicate group. Once no sentence adds a concept it
/// stops, or with `fill_lead` fills the budget in news-lead order (earliest
/// sentence of its article first).
pub(crate) fn greedy_concepts(
    input: SummaryInput<'_>,
    budget: Budget,
    pool: &[(SentenceRef, usize, Vec<u32>)],
    weight: &[f64],
    position_weight: f64,
    fill_lead: bool,
) -> Vec<SentenceRef> {
    let mut have = vec![false; weight.len()];
    let mut groups_in = vec![false; input.groups.groups.len()];
    let mut taken = vec![false; pool.len()];
    let mut picked: Vec<SentenceRef> = Vec::new();
    let mut used = 0usize;
    let gain = |k: usize, have: &[bool]| -> f64 {
        pool[k]
            .2
            .iter()
            .filter(|&&c| !have[c as usize])
            .map(|&c| weight[c as usize])
            .sum()
    };
    while used < budget.words {
        let left = budget.words - used;
        let mut best: Option<(usize, f64)> = None;
        for (k, (r, words, _)) in pool.iter().enumerate() {
            if taken[k]
                || groups_in[input.groups.group(*r)]
                || budget.mode == BudgetMode::WholeSentences && *words > left
            {
                continue;
            }
            // Gain per word. (With an overflowing last sentence only its
            // first `left` words are scored: its gain and its length
            // shrink in the same proportion, so the ratio stays.)
            let prior = 1.0 + position_weight / (1.0 + r.sentence as f64).sqrt();
            let score = prior * gain(k, &have) / (*words).max(1) as f64;
            if score > 0.0 && best.is_none_or(|(_, b)| score > b) {
                best = Some((k, score));
            }
        }
        let best = best.map(|(k, _)| k).or_else(|| {
            fill_lead
                .then(|| {
                    (0..pool.len())
                        .filter(|&k| {
                            let (r, words, _) = &pool[k];
                            !taken[k]
                                && !groups_in[input.groups.group(*r)]
                                && (budget.mode == BudgetMode::CutAtLimit || *words <= left)
                        })
                        .min_by_key(|&k| (pool[k].0.sentence, pool[k].0.article))
                })
                .flatten()
        });
        let Some(k) = best else { break };
        let (r, words, cs) = &pool[k];
        taken[k] = true;
        groups_in[input.groups.group(*r)] = true;
        for &c in cs {
            have[c as usize] = true;
        }
        used += words;
        picked.push(*r);
    }
    picked
}

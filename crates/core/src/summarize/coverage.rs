//! Saturated concept coverage: the summary is worth
//! `Σ_c w_c · min(count_S(c), target_c)` over concepts c (words and word
//! bigrams, stemmed), where `target_c` is how often c is expected in a
//! summary of the budget's length, estimated from the story: c's frequency,
//! weighted by the share of articles that contain it. It joins the concept
//! coverage of Gillick & Favre (2009, ICSISumm; binary coverage, document
//! frequency weights) with the saturated coverage of Lin & Bilmes (2011):
//! repeating a concept past its expected count gains nothing, which removes
//! redundancy, while frequent function words and names may appear as often
//! as a summary of that length would use them. The budgeted maximum of this
//! monotone submodular function is approximated greedily by gain per word
//! (Khuller et al. 1999).

use super::{Budget, BudgetMode, Summarizer, SummaryInput, candidates};
use crate::model::SentenceRef;
use rustc_hash::FxHashMap;

/// The coverage method and its weights.
#[derive(Debug, Clone, Copy)]
pub struct Coverage {
    /// Sentences shorter than this many words are not picked.
    pub min_words: usize,
    /// Weight of a bigram concept relative to a word.
    pub bigram_weight: f64,
    /// A sentence's gain is multiplied by `(0.1 + support)^support_power`,
    /// support being the share of its content stems that other articles
    /// of the story use too (cross-article agreement).
    pub support_power: f64,
    /// News lead prior: a sentence's gain is multiplied by
    /// `1 + position_weight / sqrt(1 + index in its article)`.
    pub position_weight: f64,
    /// Expected summary length, as a multiple of the budget.
    pub length_factor: f64,
    /// Gain is divided by `words^length_exponent`.
    pub length_exponent: f64,
}

impl Default for Coverage {
    /// Fixed, documented weights (docs/summarize.md); not fitted per cluster.
    fn default() -> Self {
        Coverage {
            min_words: 6,
            bigram_weight: 0.0,
            support_power: 0.5,
            position_weight: 1.0,
            length_factor: 1.0,
            length_exponent: 1.0,
        }
    }
}

/// A sentence that may be picked: where, words, concepts with counts, prior.
type Candidate = (SentenceRef, usize, Vec<(u32, u32)>, f64);

impl Summarizer for Coverage {
    fn name(&self) -> &'static str {
        "coverage"
    }

    fn select(&self, input: SummaryInput<'_>, budget: Budget) -> Vec<SentenceRef> {
        let corpus = input.corpus;
        // Concepts: the corpus's words (ids 0..W), then word bigrams.
        let n_words = corpus.words.len();
        let mut tf: Vec<f64> = vec![0.0; n_words];
        let mut bigram_ids: FxHashMap<u64, u32> = FxHashMap::default();
        let mut sent_concepts: Vec<Vec<Vec<(u32, u32)>>> = Vec::with_capacity(corpus.docs.len());
        let mut keys: Vec<u32> = Vec::new();
        for (a, doc) in corpus.docs.iter().enumerate() {
            let mut per_doc = Vec::with_capacity(doc.sentences.len());
            for s in 0..doc.sentences.len() {
                let toks = corpus.words_of(SentenceRef {
                    article: a,
                    sentence: s,
                });
                keys.clear();
                keys.extend_from_slice(toks);
                if self.bigram_weight > 0.0 {
                    for w in toks.windows(2) {
                        let key = ((w[0] as u64) << 32) | w[1] as u64;
                        let next = (n_words + bigram_ids.len()) as u32;
                        let id = *bigram_ids.entry(key).or_insert(next);
                        if id as usize == tf.len() {
                            tf.push(0.0);
                        }
                        keys.push(id);
                    }
                }
                keys.sort_unstable();
                let mut cs: Vec<(u32, u32)> = Vec::new();
                for &id in &keys {
                    tf[id as usize] += 1.0;
                    match cs.last_mut() {
                        Some(last) if last.0 == id => last.1 += 1,
                        _ => cs.push((id, 1)),
                    }
                }
                per_doc.push(cs);
            }
            sent_concepts.push(per_doc);
        }
        // Expected counts in a summary of the budget's length.
        let n_docs = corpus.docs.len().max(1) as f64;
        let mut target: Vec<f64> = tf.clone();
        let length = budget.words as f64 * self.length_factor;
        for range in [0..n_words, n_words..tf.len()] {
            let z: f64 = target[range.clone()].iter().sum();
            if z > 0.0 {
                for t in &mut target[range] {
                    *t *= length / z;
                }
            }
        }
        let weight = |c: usize| if c < n_words { 1.0 } else { self.bigram_weight };
        // Support: the share of a sentence's content stems that other
        // articles of the story also use.
        let mut stem_docs: Vec<(u32, u32)> = vec![(u32::MAX, 0); corpus.vocab.len()];
        for r in corpus.refs() {
            for &t in corpus.terms(r) {
                let e = &mut stem_docs[t as usize];
                if e.0 != r.article as u32 {
                    e.0 = r.article as u32;
                    e.1 += 1;
                }
            }
        }
        let multi = n_docs > 1.0;
        let support = |r: SentenceRef| -> f64 {
            let terms = corpus.terms(r);
            if !multi || terms.is_empty() {
                return 1.0;
            }
            let shared = terms
                .iter()
                .filter(|&&t| stem_docs[t as usize].1 > 1)
                .count();
            shared as f64 / terms.len() as f64
        };
        let pool: Vec<Candidate> = candidates(corpus, self.min_words)
            .map(|r| {
                let words = corpus.length(r);
                let rel = (0.1 + support(r)).powf(self.support_power)
                    * (1.0 + self.position_weight / (1.0 + r.sentence as f64).sqrt());
                let cs = std::mem::take(&mut sent_concepts[r.article][r.sentence]);
                (r, words, cs, rel)
            })
            .collect();
        let mut have = vec![0f64; tf.len()];
        let mut taken = vec![false; pool.len()];
        let mut groups_in = vec![false; input.groups.groups.len()];
        let mut picked = Vec::new();
        let mut used = 0usize;
        while used < budget.words {
            let left = budget.words - used;
            let mut best: Option<(usize, f64)> = None;
            for (k, (r, words, cs, rel)) in pool.iter().enumerate() {
                if taken[k] || groups_in[input.groups.group(*r)] {
                    continue;
                }
                if budget.mode == BudgetMode::WholeSentences && *words > left {
                    continue;
                }
                let gain: f64 = cs
                    .iter()
                    .map(|&(c, n)| {
                        let (c, t) = (c as usize, target[c as usize]);
                        weight(c) * ((have[c] + n as f64).min(t) - have[c].min(t))
                    })
                    .sum();
                // Only the first `left` words of an overflowing sentence count.
                let useful = (*words).min(left).max(1) as f64;
                let gain = gain * useful / (*words).max(1) as f64;
                let score = rel * gain / useful.powf(self.length_exponent);
                if score > 0.0 && best.is_none_or(|(_, b)| score > b) {
                    best = Some((k, score));
                }
            }
            let Some((k, _)) = best else { break };
            let (r, words, cs, _) = &pool[k];
            taken[k] = true;
            groups_in[input.groups.group(*r)] = true;
            for &(c, n) in cs {
                have[c as usize] += n as f64;
            }
            used += words;
            picked.push(*r);
        }
        picked
    }
}

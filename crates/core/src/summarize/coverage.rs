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

use super::{Budget, BudgetMode, Summarizer, SummaryInput, candidates, count_words};
use crate::model::SentenceRef;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::Arc;

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

thread_local! {
    /// Spelling → ROUGE-style key (lower-cased, stemmed when longer than 3
    /// characters), kept across stories on this thread.
    static KEYS: std::cell::RefCell<FxHashMap<Box<str>, Arc<str>>> =
        std::cell::RefCell::new(FxHashMap::default());
}

fn word_key(w: &str) -> Arc<str> {
    KEYS.with(|k| {
        let mut keys = k.borrow_mut();
        if let Some(s) = keys.get(w) {
            return Arc::clone(s);
        }
        let lower: String = w.chars().flat_map(char::to_lowercase).collect();
        let key: Arc<str> = if lower.chars().nth(3).is_some() {
            crate::text::stem(&lower).into()
        } else {
            lower.into()
        };
        if keys.len() >= 200_000 {
            keys.clear();
        }
        keys.insert(w.into(), Arc::clone(&key));
        key
    })
}

/// Words of sentences as ROUGE sees them (runs of letters and digits,
/// lower-cased, stemmed when longer than 3 characters), interned per story.
#[derive(Default)]
struct WordIds<'a> {
    surface: FxHashMap<&'a str, u32>,
    vocab: FxHashMap<Arc<str>, u32>,
}

impl<'a> WordIds<'a> {
    fn tokens(&mut self, text: &'a str, out: &mut Vec<u32>) {
        for w in text.split(|c: char| !c.is_alphanumeric()) {
            if w.is_empty() {
                continue;
            }
            if let Some(&id) = self.surface.get(w) {
                out.push(id);
                continue;
            }
            let next = self.vocab.len() as u32;
            let id = *self.vocab.entry(word_key(w)).or_insert(next);
            self.surface.insert(w, id);
            out.push(id);
        }
    }
}

/// A sentence that may be picked: where, words, concepts with counts, prior.
type Candidate<'a> = (SentenceRef, usize, &'a Vec<(u32, u32)>, f64);

impl Summarizer for Coverage {
    fn name(&self) -> &'static str {
        "coverage"
    }

    fn select(&self, input: SummaryInput<'_>, budget: Budget) -> Vec<SentenceRef> {
        let corpus = input.corpus;
        let mut words = WordIds::default();
        let mut ids: FxHashMap<u64, u32> = FxHashMap::default();
        let mut tf: Vec<f64> = Vec::new();
        let mut df: Vec<u32> = Vec::new();
        let mut last_doc: Vec<u32> = Vec::new();
        let mut is_bigram: Vec<bool> = Vec::new();
        let mut sent_concepts: FxHashMap<SentenceRef, Vec<(u32, u32)>> = FxHashMap::default();
        let mut toks: Vec<u32> = Vec::new();
        let mut keys: Vec<u64> = Vec::new();
        for r in corpus.refs() {
            toks.clear();
            words.tokens(&corpus.sentence(r).text, &mut toks);
            keys.clear();
            keys.extend(toks.iter().map(|&t| t as u64));
            if self.bigram_weight > 0.0 {
                keys.extend(
                    toks.windows(2)
                        .map(|w| (1 << 63) | ((w[0] as u64) << 31) | w[1] as u64),
                );
            }
            keys.sort_unstable();
            let mut cs: Vec<(u32, u32)> = Vec::new();
            for &key in &keys {
                let next = tf.len() as u32;
                let id = *ids.entry(key).or_insert(next);
                if id == next {
                    tf.push(0.0);
                    df.push(0);
                    last_doc.push(u32::MAX);
                    is_bigram.push(key >> 63 == 1);
                }
                let i = id as usize;
                tf[i] += 1.0;
                if last_doc[i] != r.article as u32 {
                    last_doc[i] = r.article as u32;
                    df[i] += 1;
                }
                match cs.last_mut() {
                    Some(last) if last.0 == id => last.1 += 1,
                    _ => cs.push((id, 1)),
                }
            }
            sent_concepts.insert(r, cs);
        }
        // Expected counts in a summary of the budget's length.
        let n_docs = corpus.docs.len().max(1) as f64;
        let mut target: Vec<f64> = (0..tf.len()).map(|i| tf[i]).collect();
        let length = budget.words as f64 * self.length_factor;
        for bigram in [false, true] {
            let z: f64 = (0..tf.len())
                .filter(|&i| is_bigram[i] == bigram)
                .map(|i| target[i])
                .sum();
            if z > 0.0 {
                for i in 0..tf.len() {
                    if is_bigram[i] == bigram {
                        target[i] *= length / z;
                    }
                }
            }
        }
        let weight: Vec<f64> = is_bigram
            .iter()
            .map(|&b| if b { self.bigram_weight } else { 1.0 })
            .collect();
        // Support: the share of a sentence's content stems that other
        // articles of the story also use.
        let mut stem_docs: FxHashMap<u32, (u32, u32)> = FxHashMap::default();
        for r in corpus.refs() {
            for &t in corpus.terms(r) {
                let e = stem_docs.entry(t).or_insert((u32::MAX, 0));
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
                .filter(|t| stem_docs.get(t).is_some_and(|e| e.1 > 1))
                .count();
            shared as f64 / terms.len() as f64
        };
        let pool: Vec<Candidate<'_>> = candidates(corpus, self.min_words)
            .filter_map(|r| {
                let words = count_words(&corpus.sentence(r).text);
                let rel = (0.1 + support(r)).powf(self.support_power)
                    * (1.0 + self.position_weight / (1.0 + r.sentence as f64).sqrt());
                sent_concepts.get(&r).map(|c| (r, words, c, rel))
            })
            .collect();
        let mut have = vec![0f64; tf.len()];
        let mut taken = vec![false; pool.len()];
        let mut groups_in: FxHashSet<usize> = FxHashSet::default();
        let mut picked = Vec::new();
        let mut used = 0usize;
        while used < budget.words {
            let left = budget.words - used;
            let mut best: Option<(usize, f64)> = None;
            for (k, (r, words, cs, rel)) in pool.iter().enumerate() {
                if taken[k] || groups_in.contains(&input.groups.group(*r)) {
                    continue;
                }
                if budget.mode == BudgetMode::WholeSentences && *words > left {
                    continue;
                }
                let gain: f64 = cs
                    .iter()
                    .map(|&(c, n)| {
                        let (c, t) = (c as usize, target[c as usize]);
                        weight[c] * ((have[c] + n as f64).min(t) - have[c].min(t))
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
            let (r, words, cs, _) = pool[k];
            taken[k] = true;
            groups_in.insert(input.groups.group(r));
            for &(c, n) in cs {
                have[c as usize] += n as f64;
            }
            used += words;
            picked.push(r);
        }
        picked
    }
}

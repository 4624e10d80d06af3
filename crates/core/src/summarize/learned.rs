//! Learned bigram concept weights (issue 14): the chance that a story's
//! bigram appears in a reference summary, from a logistic regression on a
//! handful of features of the bigram in the story (how many articles use
//! it, how early it first appears, how often, stop words, digits),
//! trained on Multi-News's training split (`storyline eval
//! train-concepts`, see docs/summarize.md). This is the supervised
//! concept weighting of Li, Qian & Liu (2013, "Using supervised
//! bigram-based ILP for extractive summarization") in its simplest form.
//!
//! [`Learned`] is ICSISumm's objective (as [`super::Concepts`]) with these
//! weights: a summary is worth the expected number of reference bigrams it
//! covers, each counted once.

use super::select::greedy_concepts;
use super::{Budget, Summarizer, SummaryInput, candidates};
use crate::model::SentenceRef;
use crate::text::{Corpus, is_stop_word};
use rustc_hash::{FxHashMap, FxHashSet};

/// Number of features of a bigram (the model's bias not included).
pub const N_FEATURES: usize = 12;

/// The features' names, in order (for the training report).
pub const FEATURE_NAMES: [&str; N_FEATURES] = [
    "df/articles",
    "ln df",
    "ln tf",
    "1/sqrt(1+first sentence index)",
    "first relative position",
    "in a first sentence",
    "stop words",
    "has a digit",
    "min content-word df/articles",
    "ln articles",
    "min content-word ln tf",
    "share of articles with it in their first 3 sentences",
];

/// Learned weights: bias, then one per feature ([`FEATURE_NAMES`]),
/// fitted on the first 20,000 clusters of Multi-News's training split
/// (6.1 million bigrams, 12.3% of them in the reference; log loss 0.3477
/// against the base rate's 0.3731). Re-derive (about 30 s) with
/// `storyline eval train-concepts --data ../shared/data/multinews-train/multinews_plus_train.jsonl.gz`
/// (defaults: `--limit 20000 --skip 0 --l2 1`), which prints this array.
pub const WEIGHTS: [f64; N_FEATURES + 1] = [
    -2.1746, // bias
    0.1037,  // df/articles
    0.9684,  // ln df
    1.0566,  // ln tf
    -0.2891, // 1/sqrt(1+first sentence index)
    -0.0635, // first relative position
    -0.0567, // in a first sentence
    -0.0772, // stop words
    0.0242,  // has a digit
    0.3920,  // min content-word df/articles
    -0.0951, // ln articles
    0.1596,  // min content-word ln tf
    0.0211,  // share of articles with it in their first 3 sentences
];

/// A story's bigram concepts: stemmed ROUGE-style word bigrams (stop words
/// kept inside a bigram, bigrams of two stop words dropped) of its first
/// `n_docs` articles, with their features and each sentence's concepts.
#[derive(Debug, Default)]
pub struct BigramTable {
    /// Concept id → the bigram (word ids of [`Corpus::words`], packed).
    pub keys: Vec<u64>,
    /// Concept id → its features.
    pub features: Vec<[f64; N_FEATURES]>,
    /// Per article, per sentence: its concepts (sorted, distinct).
    pub sentences: Vec<Vec<Vec<u32>>>,
    /// The packed bigram ([`bigram_key`]) → its concept id.
    pub ids: FxHashMap<u64, u32>,
    /// Word id ([`Corpus::words`]) → whether it is a stop word.
    pub stop: Vec<bool>,
}

/// The packed key of a word bigram.
pub fn bigram_key(a: u32, b: u32) -> u64 {
    ((a as u64) << 32) | b as u64
}

impl BigramTable {
    /// The concepts of the first `n_docs` articles of `corpus`.
    pub fn build(corpus: &Corpus, n_docs: usize) -> BigramTable {
        let n_docs = n_docs.min(corpus.docs.len());
        let n_words = corpus.words.len();
        let stop: Vec<bool> = (0..n_words as u32)
            .map(|id| is_stop_word(corpus.words.term(id)))
            .collect();
        let digit: Vec<bool> = (0..n_words as u32)
            .map(|id| corpus.words.term(id).bytes().any(|b| b.is_ascii_digit()))
            .collect();
        // Word document and term frequencies.
        let mut word_df: Vec<(u32, u32)> = vec![(u32::MAX, 0); n_words];
        let mut word_tf: Vec<u32> = vec![0; n_words];
        for (a, doc) in corpus.docs[..n_docs].iter().enumerate() {
            for ws in &doc.words {
                for &w in ws {
                    word_tf[w as usize] += 1;
                    let e = &mut word_df[w as usize];
                    if e.0 != a as u32 {
                        e.0 = a as u32;
                        e.1 += 1;
                    }
                }
            }
        }
        struct Acc {
            df: u32,
            last_doc: u32,
            tf: u32,
            first: usize,
            first_rel: f64,
            early_docs: u32,
            last_early_doc: u32,
        }
        let mut ids: FxHashMap<u64, u32> = FxHashMap::default();
        let mut keys: Vec<u64> = Vec::new();
        let mut acc: Vec<Acc> = Vec::new();
        let mut sentences = Vec::with_capacity(n_docs);
        for (a, doc) in corpus.docs[..n_docs].iter().enumerate() {
            let n_sent = doc.sentences.len().max(1) as f64;
            let mut per_doc = Vec::with_capacity(doc.words.len());
            for (s, ws) in doc.words.iter().enumerate() {
                let mut cs: Vec<u32> = Vec::new();
                for w in ws.windows(2) {
                    if stop[w[0] as usize] && stop[w[1] as usize] {
                        continue;
                    }
                    let key = bigram_key(w[0], w[1]);
                    let next = keys.len() as u32;
                    let id = *ids.entry(key).or_insert(next);
                    if id == next {
                        keys.push(key);
                        acc.push(Acc {
                            df: 0,
                            last_doc: u32::MAX,
                            tf: 0,
                            first: usize::MAX,
                            first_rel: 1.0,
                            early_docs: 0,
                            last_early_doc: u32::MAX,
                        });
                    }
                    let e = &mut acc[id as usize];
                    e.tf += 1;
                    if e.last_doc != a as u32 {
                        e.last_doc = a as u32;
                        e.df += 1;
                    }
                    e.first = e.first.min(s);
                    if s < 3 && e.last_early_doc != a as u32 {
                        e.last_early_doc = a as u32;
                        e.early_docs += 1;
                    }
                    e.first_rel = e.first_rel.min(s as f64 / n_sent);
                    cs.push(id);
                }
                cs.sort_unstable();
                cs.dedup();
                per_doc.push(cs);
            }
            sentences.push(per_doc);
        }
        let n = n_docs.max(1) as f64;
        let features = keys
            .iter()
            .zip(&acc)
            .map(|(&key, e)| {
                let (w0, w1) = ((key >> 32) as usize, (key & 0xffff_ffff) as usize);
                let stops = stop[w0] as u32 + stop[w1] as u32;
                let content_df = [w0, w1]
                    .iter()
                    .filter(|&&w| !stop[w])
                    .map(|&w| word_df[w].1)
                    .min()
                    .unwrap_or(e.df);
                let content_tf = [w0, w1]
                    .iter()
                    .filter(|&&w| !stop[w])
                    .map(|&w| word_tf[w])
                    .min()
                    .unwrap_or(e.tf);
                let df_frac = e.df as f64 / n;
                [
                    df_frac,
                    (e.df as f64).ln(),
                    (e.tf as f64).ln(),
                    1.0 / (1.0 + e.first as f64).sqrt(),
                    e.first_rel,
                    (e.first == 0) as u32 as f64,
                    stops as f64,
                    (digit[w0] || digit[w1]) as u32 as f64,
                    content_df as f64 / n,
                    n.ln(),
                    (content_tf.max(1) as f64).ln(),
                    e.early_docs as f64 / n,
                ]
            })
            .collect();
        BigramTable {
            ids,
            keys,
            features,
            sentences,
            stop,
        }
    }

    /// Each concept's weight under `weights` (bias first): the predicted
    /// chance that a reference summary uses it.
    pub fn weights(&self, weights: &[f64; N_FEATURES + 1]) -> Vec<f64> {
        self.features.iter().map(|f| predict(weights, f)).collect()
    }
}

/// A logistic model's probability for one feature vector (`weights`: the
/// bias, then one weight per feature): the bigram model's and the
/// sentence salience model's ([`super::salience`]).
pub fn predict<const F: usize>(weights: &[f64], f: &[f64; F]) -> f64 {
    sigmoid(weights[0] + weights[1..].iter().zip(f).map(|(w, x)| w * x).sum::<f64>())
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// Fits an L2-regularized logistic regression by Newton's method
/// (iteratively reweighted least squares), bias unpenalized; returns the
/// bias, then one weight per feature. Labels are in [0, 1]: 0 or 1 for the
/// bigram model, a share for the sentence model (fractional logistic
/// regression: the same cross-entropy). Written here rather than taken
/// from a crate: the models have about a dozen weights and a dense solve
/// is all they need; the crates of `../shared/CRATES.md` have no
/// regression, and linfa-logistic would add ndarray and argmin for a few
/// dozen lines.
pub fn fit_logistic<const F: usize>(
    rows: &[[f32; F]],
    labels: &[f32],
    l2: f64,
    iterations: usize,
) -> Vec<f64> {
    use rayon::prelude::*;
    let d = F + 1;
    let mut w = vec![0f64; d];
    for _ in 0..iterations {
        // Gradient and Hessian of the negative log likelihood.
        let (g, h) = rows
            .par_chunks(1 << 14)
            .zip(labels.par_chunks(1 << 14))
            .map(|(rs, ls)| {
                let mut g = vec![0f64; d];
                let mut h = vec![0f64; d * d];
                let mut x = vec![0f64; d];
                for (r, &y) in rs.iter().zip(ls) {
                    x[0] = 1.0;
                    for (xi, &ri) in x[1..].iter_mut().zip(r) {
                        *xi = ri as f64;
                    }
                    let z: f64 = w.iter().zip(&x).map(|(a, b)| a * b).sum();
                    let p = sigmoid(z);
                    let err = p - y as f64;
                    let s = p * (1.0 - p);
                    for i in 0..d {
                        g[i] += err * x[i];
                        for j in 0..=i {
                            h[i * d + j] += s * x[i] * x[j];
                        }
                    }
                }
                (g, h)
            })
            .reduce(
                || (vec![0f64; d], vec![0f64; d * d]),
                |(mut g, mut h), (g2, h2)| {
                    for (a, b) in g.iter_mut().zip(&g2) {
                        *a += b;
                    }
                    for (a, b) in h.iter_mut().zip(&h2) {
                        *a += b;
                    }
                    (g, h)
                },
            );
        let mut a = vec![vec![0f64; d]; d];
        let mut b = g;
        for i in 0..d {
            for j in 0..=i {
                a[i][j] = h[i * d + j];
                a[j][i] = h[i * d + j];
            }
            if i > 0 {
                a[i][i] += l2;
                b[i] += l2 * w[i];
            }
        }
        let step = solve(a, b);
        let mut change = 0f64;
        for i in 0..d {
            w[i] -= step[i];
            change = change.max(step[i].abs());
        }
        if change < 1e-8 {
            break;
        }
    }
    w
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
    let d = b.len();
    for c in 0..d {
        let p = (c..d)
            .max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))
            .unwrap_or(c);
        a.swap(c, p);
        b.swap(c, p);
        let pivot = a[c].clone();
        if pivot[c].abs() < 1e-300 {
            continue;
        }
        for r in c + 1..d {
            let f = a[r][c] / pivot[c];
            if f != 0.0 {
                for (x, &y) in a[r][c..].iter_mut().zip(&pivot[c..]) {
                    *x -= f * y;
                }
                b[r] -= f * b[c];
            }
        }
    }
    let mut x = vec![0f64; d];
    for c in (0..d).rev() {
        let s: f64 = (c + 1..d).map(|k| a[c][k] * x[k]).sum();
        x[c] = if a[c][c].abs() < 1e-300 {
            0.0
        } else {
            (b[c] - s) / a[c][c]
        };
    }
    x
}

/// The training rows of one story: the features of each bigram concept of
/// its first `n_docs` articles, labelled by whether `reference` (an extra
/// last article of `corpus`, tokenized alike) contains the bigram.
pub fn training_rows(corpus: &Corpus, n_docs: usize) -> (Vec<[f32; N_FEATURES]>, Vec<bool>) {
    let table = BigramTable::build(corpus, n_docs);
    let in_ref = reference_bigrams(corpus, n_docs);
    let rows = table.features.iter().map(|f| f.map(|x| x as f32)).collect();
    let labels = table.keys.iter().map(|k| in_ref.contains(k)).collect();
    (rows, labels)
}

/// The word bigrams (keys of [`bigram_key`]) of the corpus's articles
/// after the first `n_docs`: the reference summary the training rows are
/// labelled against.
pub(super) fn reference_bigrams(corpus: &Corpus, n_docs: usize) -> FxHashSet<u64> {
    let mut in_ref = FxHashSet::default();
    for doc in &corpus.docs[n_docs.min(corpus.docs.len())..] {
        for ws in &doc.words {
            for w in ws.windows(2) {
                in_ref.insert(bigram_key(w[0], w[1]));
            }
        }
    }
    in_ref
}

/// ICSISumm's bigram objective with the learned weights.
#[derive(Debug, Clone, Copy)]
pub struct Learned {
    /// Sentences shorter than this many words are not picked.
    pub min_words: usize,
    /// News lead prior, as coverage's: gain × `1 + position_weight /
    /// sqrt(1 + index in its article)`; 0 for none.
    pub position_weight: f64,
}

impl Default for Learned {
    fn default() -> Self {
        Learned {
            min_words: 6,
            position_weight: 1.0,
        }
    }
}

impl Summarizer for Learned {
    fn name(&self) -> &'static str {
        "learned"
    }

    fn select(&self, input: SummaryInput<'_>, budget: Budget) -> Vec<SentenceRef> {
        let corpus = input.corpus;
        let mut table = BigramTable::build(corpus, corpus.docs.len());
        let weight = table.weights(&WEIGHTS);
        let pool: Vec<(SentenceRef, usize, Vec<u32>)> = candidates(corpus, self.min_words)
            .map(|r| {
                let cs = std::mem::take(&mut table.sentences[r.article][r.sentence]);
                (r, corpus.length(r), cs)
            })
            .collect();
        greedy_concepts(input, budget, &pool, &weight, self.position_weight, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::{DedupConfig, near_duplicate_sentences};
    use crate::summarize::count_words;

    fn corpus(texts: &[&str]) -> Corpus {
        crate::summarize::test_corpus(texts)
    }

    /// The concept id of the stemmed bigram `a b`.
    fn concept(corpus: &Corpus, table: &BigramTable, a: &str, b: &str) -> usize {
        let (a, b) = (corpus.words.get(a).unwrap(), corpus.words.get(b).unwrap());
        let k = table.keys.iter().position(|&k| k == bigram_key(a, b));
        k.expect("bigram present")
    }

    fn weight_of(corpus: &Corpus, table: &BigramTable, w: &[f64], a: &str, b: &str) -> f64 {
        w[concept(corpus, table, a, b)]
    }

    #[test]
    fn a_bigram_all_articles_share_outweighs_a_one_article_bigram() {
        // "river flood" is in every article, "bakery cakes" in one; both
        // appear in the second sentence of their articles, once each.
        let c = corpus(&[
            "Storm\n\nRain fell all night across the region.\n\nThe river flood closed a bridge on Monday.\n\nA bakery cakes stall shut early.\n",
            "Storm\n\nOfficials spoke on Monday morning.\n\nThe river flood cut two roads in town.\n",
            "Storm\n\nPolice said the roads were shut.\n\nThe river flood reached the old mill.\n",
        ]);
        let table = BigramTable::build(&c, 3);
        let w = table.weights(&WEIGHTS);
        let shared = weight_of(&c, &table, &w, "river", "flood");
        let alone = weight_of(&c, &table, &w, "bakeri", "cake");
        assert!(shared > 2.0 * alone, "shared {shared}, one article {alone}");
        // Every weight is a probability.
        assert!(w.iter().all(|&p| p > 0.0 && p < 1.0));
    }

    #[test]
    fn features_count_articles_and_first_positions() {
        let c = corpus(&[
            "T\n\nThe river flood rose fast today.\n\nThen the river flood fell again.\n",
            "T\n\nNothing about water was said here.\n\nLater the river flood was over.\n",
        ]);
        let table = BigramTable::build(&c, 2);
        let k = concept(&c, &table, "river", "flood");
        let f = table.features[k];
        assert_eq!(f[0], 1.0, "df/articles");
        assert!((f[1] - 2f64.ln()).abs() < 1e-12, "ln df");
        assert!((f[2] - 3f64.ln()).abs() < 1e-12, "ln tf");
        assert_eq!(f[5], 1.0, "in a first sentence");
        assert_eq!(f[6], 0.0, "no stop word");
        // No concept is made of two stop words ("about the" is none).
        for &k in &table.keys {
            let (a, b) = ((k >> 32) as u32, (k & 0xffff_ffff) as u32);
            assert!(!(is_stop_word(c.words.term(a)) && is_stop_word(c.words.term(b))));
        }
        assert!(c.words.get("about").is_some());
    }

    #[test]
    fn newton_recovers_known_weights() {
        // Rows drawn from a known logistic model (a fixed pseudo-random
        // sequence); the fit must find the weights' signs and sizes.
        let truth = {
            let mut t = [0f64; N_FEATURES + 1];
            t[0] = -1.0;
            t[1] = 2.0;
            t[7] = -1.5;
            t
        };
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let mut rows = Vec::new();
        let mut labels = Vec::new();
        for _ in 0..40_000 {
            let mut f = [0f64; N_FEATURES];
            for x in &mut f {
                *x = next() * 2.0 - 1.0;
            }
            let p = predict(&truth, &f);
            labels.push((next() < p) as u32 as f32);
            rows.push(f.map(|x| x as f32));
        }
        let w = fit_logistic(&rows, &labels, 1e-3, 25);
        for (i, (&a, &b)) in w.iter().zip(&truth).enumerate() {
            assert!((a - b).abs() < 0.15, "weight {i}: fitted {a}, true {b}");
        }
    }

    #[test]
    fn newton_fits_fractional_labels() {
        // Labels that are the true probabilities themselves (shares, as
        // the sentence model's): the fit must find the weights.
        let truth = [-0.5, 1.5, -2.0, 0.0];
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let mut rows: Vec<[f32; 3]> = Vec::new();
        let mut labels = Vec::new();
        for _ in 0..5_000 {
            let f = [next() * 2.0 - 1.0, next() * 2.0 - 1.0, next() * 2.0 - 1.0];
            let z = truth[0] + truth[1] * f[0] + truth[2] * f[1] + truth[3] * f[2];
            labels.push((1.0 / (1.0 + (-z).exp())) as f32);
            rows.push(f.map(|x| x as f32));
        }
        let w = fit_logistic(&rows, &labels, 1e-6, 25);
        assert_eq!(w.len(), 4);
        for (i, (&a, &b)) in w.iter().zip(&truth).enumerate() {
            assert!((a - b).abs() < 1e-3, "weight {i}: fitted {a}, true {b}");
        }
    }

    #[test]
    fn training_rows_label_the_reference_bigrams() {
        // Two articles and, as a third, the "reference".
        let c = corpus(&[
            "T\n\nThe river flood closed the bridge.\n",
            "T\n\nA bakery sold cakes to the town.\n",
            "T\n\nThe river flood hit the town.\n",
        ]);
        let (rows, labels) = training_rows(&c, 2);
        assert_eq!(rows.len(), labels.len());
        let table = BigramTable::build(&c, 2);
        let k = concept(&c, &table, "river", "flood");
        assert!(labels[k]);
        let k = concept(&c, &table, "bakeri", "sold");
        assert!(!labels[k]);
    }

    #[test]
    fn example_summary_is_source_sentences_within_budget() {
        let corpus = super::super::example_corpus();
        let groups = near_duplicate_sentences(&corpus, &DedupConfig::default());
        let input = SummaryInput {
            corpus: &corpus,
            groups: &groups,
        };
        for words in [40, 100, 250] {
            let picked = Learned::default().select(input, Budget::whole(words));
            assert!(!picked.is_empty());
            let total: usize = picked.iter().map(|&r| corpus.length(r)).sum();
            assert!(total <= words, "{words} words: {total} used");
            let gs: std::collections::HashSet<usize> =
                picked.iter().map(|&r| groups.group(r)).collect();
            assert_eq!(gs.len(), picked.len(), "a near-duplicate group twice");
            for &r in &picked {
                let s = corpus.sentence(r);
                assert!(corpus.docs[r.article].article.body.contains(s.text.trim()));
                assert!(count_words(&s.text) >= 6);
            }
        }
    }
}

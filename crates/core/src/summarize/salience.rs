//! Learned sentence salience (issue 14): the expected share of a
//! sentence's word bigrams that a reference summary contains, from a
//! logistic model (fractional labels) of eleven features of the sentence
//! in its story: position, length, the learned chances of its bigrams
//! ([`super::learned`]), how many articles share its stems and words.
//! Trained on Multi-News's training split (`storyline eval
//! train-concepts --sentences`); all features are computed inside the
//! story, so they mean the same for 2 truncated articles and 10 full ones.
//! Coverage may scale a sentence's gain by `salience^salience_power`.

use super::learned::{BigramTable, bigram_key, predict, reference_bigrams};
use crate::model::SentenceRef;
use crate::text::Corpus;

/// Number of features of a sentence (the bias not included).
pub const N_SENT_FEATURES: usize = 11;

/// The features' names, in order.
pub const SENT_FEATURE_NAMES: [&str; N_SENT_FEATURES] = [
    "1/sqrt(1+index in article)",
    "first sentence",
    "relative position",
    "ln words",
    "mean bigram chance",
    "max bigram chance",
    "support (share of stems other articles use)",
    "mean stem df/articles",
    "ln articles",
    "stop-word share",
    "mean ln stem tf",
];

/// Learned weights (bias first), fitted on the first 20,000 clusters of
/// Multi-News's training split (279,203 candidate sentences, mean label
/// 0.171; cross-entropy 0.4452 against the base rate's 0.4573). Re-derive
/// (about 10 s) with `storyline eval train-concepts --sentences --data
/// ../shared/data/multinews-train/multinews_plus_train.jsonl.gz`, which
/// prints this array.
pub const SENT_WEIGHTS: [f64; N_SENT_FEATURES + 1] = [
    -2.1874, // bias
    -0.3310, // 1/sqrt(1+index in article)
    0.0568,  // first sentence
    -0.2260, // relative position
    0.0837,  // ln words
    1.9895,  // mean bigram chance
    0.5696,  // max bigram chance
    0.9189,  // support (share of stems other articles use)
    -0.7594, // mean stem df/articles
    -0.4311, // ln articles
    0.9797,  // stop-word share
    0.1251,  // mean ln stem tf
];

/// The features of each sentence of the first `n_docs` articles (per
/// article, per sentence), given the story's bigram table over the same
/// articles ([`BigramTable::build`] with the same `n_docs`) and its
/// concepts' chances `p`.
pub fn sentence_features(
    corpus: &Corpus,
    n_docs: usize,
    table: &BigramTable,
    p: &[f64],
) -> Vec<Vec<[f64; N_SENT_FEATURES]>> {
    let n_docs = n_docs.min(corpus.docs.len());
    let n = n_docs.max(1) as f64;
    // Stem document and term frequencies.
    let mut stem_df: Vec<(u32, u32)> = vec![(u32::MAX, 0); corpus.vocab.len()];
    let mut stem_tf: Vec<u32> = vec![0; corpus.vocab.len()];
    for (a, doc) in corpus.docs[..n_docs].iter().enumerate() {
        for ts in &doc.terms {
            for &t in ts {
                stem_tf[t as usize] += 1;
                let e = &mut stem_df[t as usize];
                if e.0 != a as u32 {
                    e.0 = a as u32;
                    e.1 += 1;
                }
            }
        }
    }
    let stop = &table.stop;
    let mut out = Vec::with_capacity(n_docs);
    for (a, doc) in corpus.docs[..n_docs].iter().enumerate() {
        let n_sent = doc.sentences.len().max(1) as f64;
        let mut per_doc = Vec::with_capacity(doc.sentences.len());
        for s in 0..doc.sentences.len() {
            let r = SentenceRef {
                article: a,
                sentence: s,
            };
            let terms = corpus.terms(r);
            let words = corpus.words_of(r);
            let cs = table
                .sentences
                .get(a)
                .and_then(|d| d.get(s))
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let (mut sum_p, mut max_p) = (0f64, 0f64);
            for &c in cs {
                let q = p[c as usize];
                sum_p += q;
                max_p = max_p.max(q);
            }
            let mean_p = if cs.is_empty() {
                0.0
            } else {
                sum_p / cs.len() as f64
            };
            let support = if n_docs <= 1 || terms.is_empty() {
                1.0
            } else {
                terms.iter().filter(|&&t| stem_df[t as usize].1 > 1).count() as f64
                    / terms.len() as f64
            };
            let mean_df = mean(terms.iter().map(|&t| stem_df[t as usize].1 as f64 / n));
            let mean_ln_tf = mean(
                terms
                    .iter()
                    .map(|&t| (stem_tf[t as usize].max(1) as f64).ln()),
            );
            let stop_share = mean(words.iter().map(|&w| stop[w as usize] as u32 as f64));
            per_doc.push([
                1.0 / (1.0 + s as f64).sqrt(),
                (s == 0) as u32 as f64,
                s as f64 / n_sent,
                (1.0 + corpus.length(r) as f64).ln(),
                mean_p,
                max_p,
                support,
                mean_df,
                n.ln(),
                stop_share,
                mean_ln_tf,
            ]);
        }
        out.push(per_doc);
    }
    out
}

fn mean(xs: impl Iterator<Item = f64>) -> f64 {
    let (mut s, mut k) = (0f64, 0usize);
    for x in xs {
        s += x;
        k += 1;
    }
    if k == 0 { 0.0 } else { s / k as f64 }
}

/// The predicted salience of each sentence of the first `n_docs` articles
/// (per article, per sentence) under [`SENT_WEIGHTS`]: the model's
/// probability on [`sentence_features`].
pub fn sentence_salience(
    corpus: &Corpus,
    n_docs: usize,
    table: &BigramTable,
    p: &[f64],
) -> Vec<Vec<f64>> {
    sentence_features(corpus, n_docs, table, p)
        .iter()
        .map(|doc| doc.iter().map(|f| predict(&SENT_WEIGHTS, f)).collect())
        .collect()
}

/// The training rows of one story: the features of each candidate
/// sentence (at least `min_words` words) of its first `n_docs` articles,
/// labelled by the share of its word bigrams that `reference` (the
/// corpus's articles after the first `n_docs`, tokenized alike) contains.
pub fn sentence_training_rows(
    corpus: &Corpus,
    n_docs: usize,
    min_words: usize,
) -> (Vec<[f32; N_SENT_FEATURES]>, Vec<f32>) {
    let n_docs = n_docs.min(corpus.docs.len());
    let table = BigramTable::build(corpus, n_docs);
    let p = table.weights(&super::learned::WEIGHTS);
    let features = sentence_features(corpus, n_docs, &table, &p);
    let in_ref = reference_bigrams(corpus, n_docs);
    let (mut rows, mut labels) = (Vec::new(), Vec::new());
    for r in super::candidates(corpus, min_words) {
        if r.article >= n_docs {
            continue;
        }
        let ws = corpus.words_of(r);
        if ws.len() < 2 {
            continue;
        }
        let hits = ws
            .windows(2)
            .filter(|w| in_ref.contains(&bigram_key(w[0], w[1])))
            .count();
        rows.push(features[r.article][r.sentence].map(|x| x as f32));
        labels.push(hits as f32 / (ws.len() - 1) as f32);
    }
    (rows, labels)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summarize::learned::WEIGHTS;

    fn corpus(texts: &[&str]) -> Corpus {
        crate::summarize::test_corpus(texts)
    }

    fn find(c: &Corpus, needle: &str) -> SentenceRef {
        c.refs()
            .find(|&r| c.sentence(r).text.contains(needle))
            .expect("sentence present")
    }

    #[test]
    fn labels_are_the_share_of_bigrams_in_the_reference() {
        // Two articles and, as a third, the "reference".
        let c = corpus(&[
            "T\n\nThe river flood closed the old bridge today.\n\nA bakery sold cakes to the whole town.\n",
            "T\n\nRescue teams reached the town after the river flood.\n",
            "T\n\nThe river flood closed the old bridge.\n",
        ]);
        let (rows, labels) = sentence_training_rows(&c, 2, 6);
        assert_eq!(rows.len(), labels.len());
        assert_eq!(rows.len(), 3, "three candidates of six words or more");
        // "the river flood closed the old bridge today": 7 bigrams, 6 in
        // the reference (all but "bridge today").
        assert!((labels[0] - 6.0 / 7.0).abs() < 1e-6, "{labels:?}");
        // "a bakery sold cakes to the whole town": none.
        assert_eq!(labels[1], 0.0);
        assert!(labels.iter().all(|&y| (0.0..=1.0).contains(&y)));
    }

    #[test]
    fn features_see_position_articles_and_support() {
        let c = corpus(&[
            "T\n\nThe river flood closed the old bridge today.\n\nA bakery sold cakes to the whole town.\n",
            "T\n\nThe river flood cut two roads near the old bridge.\n",
        ]);
        let table = BigramTable::build(&c, 2);
        let p = table.weights(&WEIGHTS);
        let f = sentence_features(&c, 2, &table, &p);
        let first = find(&c, "closed the old bridge");
        let cakes = find(&c, "bakery");
        let a = f[first.article][first.sentence];
        let b = f[cakes.article][cakes.sentence];
        assert_eq!(a[1], 1.0, "first sentence");
        assert_eq!(b[1], 0.0);
        assert!(a[0] > b[0] && a[2] < b[2], "earlier position");
        assert!((a[8] - 2f64.ln()).abs() < 1e-12, "ln articles");
        assert!(a[6] > 0.5 && b[6] < 0.2, "support {} {}", a[6], b[6]);
        assert!(a[4] > b[4], "mean bigram chance");
    }

    #[test]
    fn a_sentence_the_story_repeats_is_more_salient_than_an_aside() {
        let c = corpus(&[
            "Storm\n\nRain fell all night across the region.\n\nThe river flood closed the main bridge on Monday.\n\nA bakery near the harbour sold cream cakes.\n",
            "Storm\n\nOfficials spoke on Monday morning.\n\nThe river flood closed the main bridge and two roads.\n",
            "Storm\n\nPolice said the roads were shut.\n\nThe river flood closed the main bridge for hours.\n",
        ]);
        let table = BigramTable::build(&c, 3);
        let p = table.weights(&WEIGHTS);
        let f = sentence_features(&c, 3, &table, &p);
        let sal = |r: SentenceRef| predict(&SENT_WEIGHTS, &f[r.article][r.sentence]);
        let shared = sal(find(&c, "closed the main bridge on Monday"));
        let aside = sal(find(&c, "bakery"));
        assert!(shared > 1.5 * aside, "shared {shared}, aside {aside}");
        assert!(shared > 0.0 && shared < 1.0 && aside > 0.0);
    }
}

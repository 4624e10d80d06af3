//! Saturated concept coverage: the summary is worth
//! `Σ_c w_c · min(count_S(c), target_c)` over concepts c (words, stemmed,
//! stop words included; word bigrams too when `bigram_weight` is above 0,
//! which by default it is not), where `target_c` is how often c is expected
//! in a summary of the budget's length: c's share of all the story's word
//! occurrences times the budget. Each sentence's gain is scaled by a
//! cross-article support prior, a news-lead prior and a learned salience
//! ([`super::salience`]). It joins the concept
//! coverage of Gillick & Favre (2009, ICSISumm; binary coverage, document
//! frequency weights) with the saturated coverage of Lin & Bilmes (2011):
//! repeating a concept past its expected count gains nothing, which removes
//! redundancy, while frequent function words and names may appear as often
//! as a summary of that length would use them. The budgeted maximum of this
//! monotone submodular function is approximated greedily by gain per word
//! (Khuller et al. 1999).

use super::compress::{self, Rules};
use super::{Budget, BudgetMode, Pick, Summarizer, SummaryInput, candidates};
use crate::model::{SentenceRef, Span};
use rustc_hash::FxHashMap;
use std::collections::BinaryHeap;

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
    /// Weight of the learned bigram concepts ([`super::learned`]): each
    /// bigram of the story adds `learned_weight × p` once covered, p its
    /// predicted chance of being in a reference summary; 0 for none.
    pub learned_weight: f64,
    /// Sentence compression ([`compress`]): the rules whose spans a
    /// candidate leaves out; its gain and length are those of the
    /// compressed text.
    pub compress: Rules,
    /// With compression, whether the whole sentence stays a candidate
    /// beside its compressed form (one of the two may be picked).
    pub keep_whole: bool,
    /// Learned sentence salience ([`super::salience`]): a sentence's gain
    /// is multiplied by `salience^salience_power`, salience the predicted
    /// share of its bigrams in a reference summary; 0 for none.
    pub salience_power: f64,
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
            learned_weight: 1.0,
            compress: Rules::DEFAULT,
            keep_whole: false,
            salience_power: 0.25,
        }
    }
}

/// A sentence that may be picked: where, words, concepts with counts, prior,
/// and the spans its text leaves out.
struct Candidate {
    r: SentenceRef,
    words: usize,
    cs: Vec<(u32, u32)>,
    rel: f64,
    dropped: Vec<Span>,
}

impl Summarizer for Coverage {
    fn name(&self) -> &'static str {
        "coverage"
    }

    fn select(&self, input: SummaryInput<'_>, budget: Budget) -> Vec<SentenceRef> {
        self.select_picks(input, budget)
            .into_iter()
            .map(|p| p.at)
            .collect()
    }

    fn select_picks(&self, input: SummaryInput<'_>, budget: Budget) -> Vec<Pick> {
        self.select_with(input, budget, self.length_exponent == 1.0)
    }
}

impl Coverage {
    /// The selection, lazily (valid when the length exponent is 1) or by
    /// scoring every candidate in every round.
    fn select_with(&self, input: SummaryInput<'_>, budget: Budget, lazy: bool) -> Vec<Pick> {
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
                        let key = super::learned::bigram_key(w[0], w[1]);
                        let next = (n_words + bigram_ids.len()) as u32;
                        let id = *bigram_ids.entry(key).or_insert(next);
                        if id as usize == tf.len() {
                            tf.push(0.0);
                        }
                        keys.push(id);
                    }
                }
                keys.sort_unstable();
                for &id in &keys {
                    tf[id as usize] += 1.0;
                }
                per_doc.push(count_runs(&keys));
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
        // Per-concept weights: words 1, bigrams `bigram_weight`; then the
        // learned bigrams, counted once (target 1), weighted by their
        // predicted chance of being in a reference.
        let mut cweight: Vec<f64> = (0..tf.len())
            .map(|c| if c < n_words { 1.0 } else { self.bigram_weight })
            .collect();
        let mut learned_ids: FxHashMap<u64, u32> = FxHashMap::default();
        let learned_base = tf.len() as u32;
        let mut salience: Vec<Vec<f64>> = Vec::new();
        if self.learned_weight > 0.0 || self.salience_power > 0.0 {
            let mut table = super::learned::BigramTable::build(corpus, corpus.docs.len());
            let p = table.weights(&super::learned::WEIGHTS);
            if self.salience_power > 0.0 {
                salience =
                    super::salience::sentence_salience(corpus, corpus.docs.len(), &table, &p);
            }
            if !self.compress.is_empty() {
                learned_ids = std::mem::take(&mut table.ids);
            }
            for p in p {
                cweight.push(self.learned_weight * p);
                target.push(1.0);
            }
            for (a, doc) in table.sentences.into_iter().enumerate() {
                for (s, cs) in doc.into_iter().enumerate() {
                    sent_concepts[a][s].extend(cs.into_iter().map(|c| (learned_base + c, 1)));
                }
            }
        }
        let weight = |c: usize| cweight[c];
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
        // The concepts of a compressed sentence's words: its words, their
        // bigrams (those the story's sentences have), learned bigrams.
        let concepts_of = |ws: &[u32]| -> Vec<(u32, u32)> {
            let mut keys: Vec<u32> = ws.to_vec();
            for w in ws.windows(2) {
                let key = super::learned::bigram_key(w[0], w[1]);
                if self.bigram_weight > 0.0
                    && let Some(&id) = bigram_ids.get(&key)
                {
                    keys.push(id);
                }
            }
            keys.sort_unstable();
            let mut counted = count_runs(&keys);
            let mut learned: Vec<u32> = ws
                .windows(2)
                .filter_map(|w| {
                    learned_ids
                        .get(&super::learned::bigram_key(w[0], w[1]))
                        .map(|&c| learned_base + c)
                })
                .collect();
            learned.sort_unstable();
            learned.dedup();
            debug_assert!(learned.iter().all(|&c| c >= learned_base));
            counted.extend(learned.into_iter().map(|c| (c, 1)));
            counted
        };
        let mut pool: Vec<Candidate> = Vec::new();
        for r in candidates(corpus, self.min_words) {
            let words = corpus.length(r);
            let mut rel = (0.1 + support(r)).powf(self.support_power)
                * (1.0 + self.position_weight / (1.0 + r.sentence as f64).sqrt());
            if self.salience_power > 0.0 {
                rel *= salience[r.article][r.sentence].powf(self.salience_power);
            }
            let cs = std::mem::take(&mut sent_concepts[r.article][r.sentence]);
            let dropped = compress::compress(&corpus.sentence(r).text, self.compress);
            if !dropped.is_empty() {
                let text = compress::apply(&corpus.sentence(r).text, &dropped);
                let short = Candidate {
                    r,
                    words: crate::text::count_words(&text),
                    cs: concepts_of(&corpus.words_outside(r, &dropped)),
                    rel,
                    dropped,
                };
                pool.push(short);
                if !self.keep_whole {
                    continue;
                }
            }
            pool.push(Candidate {
                r,
                words,
                cs,
                rel,
                dropped: Vec::new(),
            });
        }
        let mut have = vec![0f64; target.len()];
        let score = |k: usize, have: &[f64], left: usize| -> f64 {
            let Candidate { words, cs, rel, .. } = &pool[k];
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
            rel * gain / useful.powf(self.length_exponent)
        };
        let mut groups_in = vec![false; input.groups.groups.len()];
        let mut picked = Vec::new();
        let mut used = 0usize;
        // A candidate is out for good once its group is in or, with whole
        // sentences, once it no longer fits (the budget only shrinks).
        let out = |k: usize, groups_in: &[bool], left: usize| {
            let Candidate { r, words, .. } = &pool[k];
            groups_in[input.groups.group(*r)]
                || budget.mode == BudgetMode::WholeSentences && *words > left
        };
        if lazy {
            // Lazy greedy (Minoux 1978; "CELF", Leskovec et al. 2007): with
            // gain divided by length, a candidate's score only falls as the
            // summary grows, so an old score bounds the new one and only
            // the candidates at the top need recomputing. Same choice as the
            // exhaustive loop below: highest score, then lowest index.
            let mut heap: BinaryHeap<Entry> = (0..pool.len())
                .map(|k| Entry {
                    value: f64::INFINITY,
                    k,
                    fresh: 0,
                })
                .collect();
            let mut round = 1u32;
            while used < budget.words {
                let left = budget.words - used;
                let mut chosen = None;
                while let Some(top) = heap.pop() {
                    if out(top.k, &groups_in, left) {
                        continue;
                    }
                    if top.fresh == round {
                        chosen = (top.value > 0.0).then_some(top.k);
                        break;
                    }
                    let value = score(top.k, &have, left);
                    heap.push(Entry {
                        value,
                        k: top.k,
                        fresh: round,
                    });
                }
                let Some(k) = chosen else { break };
                // Scores kept for later rounds are bounds: widen them by a
                // rounding margin so that they stay bounds in floating point.
                heap = heap
                    .into_iter()
                    .map(|e| Entry {
                        value: e.value + e.value.abs() * 1e-9,
                        ..e
                    })
                    .collect();
                let Candidate { r, words, cs, .. } = &pool[k];
                groups_in[input.groups.group(*r)] = true;
                for &(c, n) in cs {
                    have[c as usize] += n as f64;
                }
                used += words;
                picked.push(k);
                round += 1;
            }
            return picks(pool, picked);
        }
        let mut taken = vec![false; pool.len()];
        while used < budget.words {
            let left = budget.words - used;
            let mut best: Option<(usize, f64)> = None;
            for (k, &done) in taken.iter().enumerate() {
                if done || out(k, &groups_in, left) {
                    continue;
                }
                let score = score(k, &have, left);
                if score > 0.0 && best.is_none_or(|(_, b)| score > b) {
                    best = Some((k, score));
                }
            }
            let Some((k, _)) = best else { break };
            let Candidate { r, words, cs, .. } = &pool[k];
            taken[k] = true;
            groups_in[input.groups.group(*r)] = true;
            for &(c, n) in cs {
                have[c as usize] += n as f64;
            }
            used += words;
            picked.push(k);
        }
        picks(pool, picked)
    }
}

/// Sorted concept ids as (id, count) runs, at their exact size.
fn count_runs(sorted: &[u32]) -> Vec<(u32, u32)> {
    let runs = sorted.chunk_by(|a, b| a == b).count();
    let mut counted = Vec::with_capacity(runs);
    for run in sorted.chunk_by(|a, b| a == b) {
        counted.push((run[0], run.len() as u32));
    }
    counted
}

/// The picked candidates (pool indices, in picking order) as picks.
fn picks(mut pool: Vec<Candidate>, picked: Vec<usize>) -> Vec<Pick> {
    picked
        .into_iter()
        .map(|k| Pick {
            at: pool[k].r,
            dropped: std::mem::take(&mut pool[k].dropped),
        })
        .collect()
}

/// A candidate in the lazy greedy's queue: its last score (a bound unless
/// computed in the current round), highest first, then lowest index.
#[derive(Debug, Clone, Copy)]
struct Entry {
    value: f64,
    k: usize,
    fresh: u32,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}

impl Eq for Entry {}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Entry {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.value
            .total_cmp(&other.value)
            .then(other.k.cmp(&self.k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::{DedupConfig, near_duplicate_sentences};
    use crate::model::{Article, Paragraph, Span};
    use crate::text::Corpus;

    fn article(i: usize, body: &str) -> Article {
        let mut body_text = String::new();
        let mut paragraphs = Vec::new();
        for line in body.lines().filter(|l| !l.trim().is_empty()) {
            if !body_text.is_empty() {
                body_text.push_str("\n\n");
            }
            let start = body_text.len();
            body_text.push_str(line.trim());
            paragraphs.push(Paragraph {
                span: Span::new(start, body_text.len()),
                line: 0,
                source_offset: None,
            });
        }
        Article {
            id: format!("a{i}"),
            source: None,
            path: format!("a{i}"),
            title: String::new(),
            standfirst: None,
            published: None,
            dateline: None,
            language: "en".into(),
            body: body_text,
            paragraphs,
            dropped: Vec::new(),
            decoded_as: None,
        }
    }

    #[test]
    fn lazy_greedy_picks_as_the_exhaustive_loop() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
        let mut stories: Vec<Vec<Article>> = Vec::new();
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let mut arts = Vec::new();
            for f in std::fs::read_dir(entry.path())
                .into_iter()
                .flatten()
                .flatten()
            {
                let p = f.path();
                if p.extension().is_some_and(|e| e == "txt" || e == "md")
                    && let Ok(t) = std::fs::read_to_string(&p)
                {
                    arts.push(article(arts.len(), &t));
                }
            }
            if !arts.is_empty() {
                stories.push(arts);
            }
        }
        // A synthetic story too, with repeated sentences and near ties.
        let words = [
            "rain", "flood", "river", "town", "bridge", "rescue", "water", "road",
        ];
        let mut synth = Vec::new();
        for a in 0..4 {
            let mut body = String::new();
            for s in 0..12 {
                let n = 6 + (a * 7 + s * 3) % 9;
                let sent: Vec<&str> = (0..n).map(|i| words[(a + s * i) % words.len()]).collect();
                body.push_str(&format!("The {} went on.\n", sent.join(" ")));
            }
            synth.push(article(a, &body));
        }
        stories.push(synth);
        assert!(stories.len() >= 2, "example stories found");
        // The default (with learned bigrams) and words alone.
        let words_only = Coverage {
            learned_weight: 0.0,
            ..Coverage::default()
        };
        // And with compression, alone or beside the whole sentences.
        let compressed = Coverage {
            compress: Rules::ALL,
            ..Coverage::default()
        };
        let both = Coverage {
            keep_whole: true,
            ..compressed
        };
        for (arts, cov) in stories.into_iter().flat_map(|a| {
            [
                (a.clone(), Coverage::default()),
                (a.clone(), words_only),
                (a.clone(), compressed),
                (a, both),
            ]
        }) {
            let corpus = Corpus::build(arts);
            let groups = near_duplicate_sentences(&corpus, &DedupConfig::default());
            let input = SummaryInput {
                corpus: &corpus,
                groups: &groups,
            };
            for words in [20, 60, 100, 250, 1000] {
                for mode in [BudgetMode::WholeSentences, BudgetMode::CutAtLimit] {
                    let budget = Budget { words, mode };
                    let lazy = cov.select_with(input, budget, true);
                    let full = cov.select_with(input, budget, false);
                    assert!(!full.is_empty());
                    assert_eq!(lazy, full, "{words} words, {mode:?}");
                }
            }
        }
    }
}

#[cfg(test)]
mod candidate_tests {
    use crate::clean::clean;
    use crate::ingest::RawDoc;
    use crate::text::Corpus;

    #[test]
    fn prompts_to_the_reader_are_never_candidates() {
        let text = "Storm closes port\n\nA storm closed the port of the city on Monday, officials \
                    said. Please enable JavaScript in your browser to view the comments below. \
                    The harbour master said trade would resume on Thursday.\n";
        let corpus = Corpus::build(vec![clean(&RawDoc::text("a.txt", text))]);
        let texts: Vec<&str> = super::super::candidates(&corpus, 4)
            .map(|r| corpus.sentence(r).text.as_str())
            .collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert!(texts.iter().all(|t| !t.contains("JavaScript")), "{texts:?}");
    }

    #[test]
    fn salience_scales_the_gain() {
        use super::Coverage;
        use crate::dedup::{DedupConfig, near_duplicate_sentences};
        use crate::summarize::learned::{BigramTable, WEIGHTS};
        use crate::summarize::salience::sentence_salience;
        use crate::summarize::{Budget, Summarizer, SummaryInput};
        let texts = [
            "Storm\n\nA bakery near the harbour sold cream cakes all week.\n\nThe river flood closed the main bridge on Monday.\n",
            "Storm\n\nOfficials spoke about the weather on Monday morning.\n\nThe river flood closed the main bridge and two roads.\n",
            "Storm\n\nPolice said the roads near the river were shut.\n\nThe river flood closed the main bridge for hours.\n",
        ];
        let corpus = crate::summarize::test_corpus(&texts);
        let groups = near_duplicate_sentences(&corpus, &DedupConfig::default());
        let input = SummaryInput {
            corpus: &corpus,
            groups: &groups,
        };
        let table = BigramTable::build(&corpus, corpus.docs.len());
        let p = table.weights(&WEIGHTS);
        let salience = sentence_salience(&corpus, corpus.docs.len(), &table, &p);
        let budget = Budget::whole(12);
        let s = |r: crate::model::SentenceRef| salience[r.article][r.sentence];
        let best = super::super::candidates(&corpus, 6)
            .filter(|&r| corpus.length(r) <= budget.words)
            .max_by(|&a, &b| s(a).total_cmp(&s(b)))
            .unwrap();
        // With salience dominating, the first pick is the most salient
        // sentence that fits; without it, the bakery's opening sentence
        // (first in its article, many new words) comes first.
        let strong = Coverage {
            salience_power: 40.0,
            ..Coverage::default()
        };
        let picks = strong.select(input, budget);
        assert_eq!(picks[0], best, "{:?}", corpus.sentence(picks[0]).text);
        assert!(corpus.sentence(best).text.contains("river flood"));
        let none = Coverage {
            salience_power: 0.0,
            ..Coverage::default()
        };
        let picks = none.select(input, budget);
        assert_ne!(picks[0], best, "{:?}", corpus.sentence(picks[0]).text);
    }
}

//! Bigram concept coverage (Gillick & Favre 2009, ICSISumm): concepts are
//! the story's stemmed word bigrams that are not made of two stop words,
//! each weighted by its document frequency (how many of the story's
//! articles use it). A summary is worth the total weight of the concepts
//! it contains, each counted once however often it is repeated, so
//! redundancy is handled by the objective itself. ICSI maximizes this
//! with an integer linear program; here it is the budgeted greedy by
//! gain per word (Khuller et al. 1999); once no sentence adds a concept the
//! budget is filled in news-lead order. Sentences are returned whole and unchanged
//! (they are [`SentenceRef`]s into the story), so every one stays a source
//! sentence with its citation.

use super::learned::bigram_key;
use super::select::greedy_concepts;
use super::{Budget, Summarizer, SummaryInput, candidates};
use crate::model::SentenceRef;
use crate::text::is_stop_word;
use rustc_hash::FxHashMap;

/// The bigram-concept method and its (fixed) settings.
#[derive(Debug, Clone, Copy)]
pub struct Concepts {
    /// Sentences shorter than this many words are not picked.
    pub min_words: usize,
    /// With at least this many articles, concepts used by one article only
    /// are dropped (ICSI keeps concepts seen in several documents); with
    /// fewer articles every concept counts.
    pub min_docs_for_df2: usize,
    /// News lead prior, as coverage's: a sentence's gain is multiplied by
    /// `1 + position_weight / sqrt(1 + index in its article)`; 0 for none.
    pub position_weight: f64,
}

impl Default for Concepts {
    /// Fixed, documented settings (docs/summarize.md); not fitted.
    fn default() -> Self {
        Concepts {
            min_words: 6,
            min_docs_for_df2: 3,
            position_weight: 1.0,
        }
    }
}

impl Summarizer for Concepts {
    fn name(&self) -> &'static str {
        "concepts"
    }

    fn select(&self, input: SummaryInput<'_>, budget: Budget) -> Vec<SentenceRef> {
        let corpus = input.corpus;
        let n_docs = corpus.docs.len();
        let stop: Vec<bool> = (0..corpus.words.len() as u32)
            .map(|id| is_stop_word(corpus.words.term(id)))
            .collect();
        // Concept ids, their document frequency, and each sentence's concepts.
        let mut ids: FxHashMap<u64, u32> = FxHashMap::default();
        let mut df: Vec<u32> = Vec::new();
        let mut last_doc: Vec<u32> = Vec::new();
        let mut sent: FxHashMap<SentenceRef, Vec<u32>> = FxHashMap::default();
        for r in corpus.refs() {
            let toks = corpus.words_of(r);
            let mut cs: Vec<u32> = Vec::new();
            for w in toks.windows(2) {
                if stop[w[0] as usize] && stop[w[1] as usize] {
                    continue;
                }
                let key = bigram_key(w[0], w[1]);
                let next = df.len() as u32;
                let id = *ids.entry(key).or_insert(next);
                if id == next {
                    df.push(0);
                    last_doc.push(u32::MAX);
                }
                if last_doc[id as usize] != r.article as u32 {
                    last_doc[id as usize] = r.article as u32;
                    df[id as usize] += 1;
                }
                cs.push(id);
            }
            cs.sort_unstable();
            cs.dedup();
            sent.insert(r, cs);
        }
        let min_df = if n_docs >= self.min_docs_for_df2 {
            2
        } else {
            1
        };
        let weight: Vec<f64> = df
            .iter()
            .map(|&d| if d >= min_df { d as f64 } else { 0.0 })
            .collect();
        let pool: Vec<(SentenceRef, usize, Vec<u32>)> = candidates(corpus, self.min_words)
            .map(|r| {
                let cs = sent.remove(&r).unwrap_or_default();
                let cs = cs
                    .into_iter()
                    .filter(|&c| weight[c as usize] > 0.0)
                    .collect();
                (r, corpus.length(r), cs)
            })
            .collect();
        greedy_concepts(input, budget, &pool, &weight, self.position_weight, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::clean;
    use crate::dedup::{DedupConfig, near_duplicate_sentences};
    use crate::ingest::RawDoc;
    use crate::summarize::count_words;
    use crate::text::Corpus;

    #[test]
    fn example_summary_is_source_sentences_within_budget() {
        let corpus = super::super::example_corpus();
        let groups = near_duplicate_sentences(&corpus, &DedupConfig::default());
        let input = SummaryInput {
            corpus: &corpus,
            groups: &groups,
        };
        for words in [40, 100, 250] {
            let picked = Concepts::default().select(input, Budget::whole(words));
            assert!(!picked.is_empty(), "{words} words: something picked");
            let total: usize = picked.iter().map(|&r| corpus.length(r)).sum();
            assert!(total <= words, "{words} words: {total} used");
            let mut seen = std::collections::HashSet::new();
            for &r in &picked {
                assert!(seen.insert(r), "picked twice: {r:?}");
                assert!(seen.len() <= corpus.sentence_count());
                let s = corpus.sentence(r);
                // The sentence is the article's own text at its span.
                let body = &corpus.docs[r.article].article.body;
                assert!(
                    body.contains(s.text.trim()),
                    "not a source sentence: {}",
                    s.text
                );
                assert!(count_words(&s.text) >= 6);
                assert!(!s.flags.heading);
            }
            // Near-duplicates are never picked twice.
            let gs: std::collections::HashSet<usize> =
                picked.iter().map(|&r| groups.group(r)).collect();
            assert_eq!(gs.len(), picked.len());
        }
    }

    #[test]
    fn shared_bigrams_beat_one_outlet_bigrams() {
        // Three articles agree on the flood; one also has an unrelated line.
        let a = "Flood\n\nThe river flood closed the main bridge on Monday morning.\n\n\
                 A local bakery sold cakes shaped like tiny spaceships yesterday.\n";
        let b = "Flood\n\nOfficials said the river flood closed the main bridge early.\n";
        let c = "Flood\n\nThe main bridge stayed shut after the river flood, police said.\n";
        let corpus = Corpus::build(vec![
            clean(&RawDoc::text("a.txt", a)),
            clean(&RawDoc::text("b.txt", b)),
            clean(&RawDoc::text("c.txt", c)),
        ]);
        let groups = near_duplicate_sentences(&corpus, &DedupConfig::default());
        let input = SummaryInput {
            corpus: &corpus,
            groups: &groups,
        };
        let picked = Concepts::default().select(input, Budget::whole(12));
        assert_eq!(picked.len(), 1, "{picked:?}");
        let text = &corpus.sentence(picked[0]).text;
        assert!(text.contains("river flood"), "{text}");
    }
}

//! Near-duplicate sentences of the example against gold.json.

mod common;

use common::*;
use storyline_core::dedup::{DedupConfig, near_duplicate_sentences};
use storyline_core::text::Corpus;

#[test]
fn all_gold_near_duplicate_pairs_are_found() {
    let g = gold();
    let keys: Vec<String> = gold_articles().into_iter().map(|(k, _)| k).collect();
    let corpus = Corpus::build(cleaned().into_iter().map(|(_, a)| a).collect());
    let groups = near_duplicate_sentences(&corpus, &DedupConfig::default());
    let mut found_pairs = Vec::new();
    for (a, b, sim) in &groups.pairs {
        let la = corpus.sentence(*a).line;
        let lb = corpus.sentence(*b).line;
        found_pairs.push((
            (keys[a.article].clone(), la),
            (keys[b.article].clone(), lb),
            *sim,
        ));
    }
    for pair in g["near_duplicate_sentences"].as_array().unwrap() {
        let obj = pair.as_object().unwrap();
        let ends: Vec<(String, usize)> = obj
            .iter()
            .filter(|(k, _)| *k != "kind")
            .map(|(k, v)| (k.clone(), v.as_u64().unwrap() as usize))
            .collect();
        let hit = found_pairs
            .iter()
            .any(|(x, y, _)| (x == &ends[0] && y == &ends[1]) || (x == &ends[1] && y == &ends[0]));
        assert!(
            hit,
            "pair {ends:?} ({}) not found; found {found_pairs:?}",
            obj["kind"]
        );
    }
    // No pair of sentences that say different things: every pair found is
    // one of gold's or shares most of its words.
    for p in &found_pairs {
        eprintln!("PAIR {p:?}");
    }
    assert!(
        found_pairs.len() <= g["near_duplicate_sentences"].as_array().unwrap().len() + 3,
        "too many pairs: {found_pairs:#?}"
    );
}

//! Cross-source analysis of the bundled example against gold.json.

mod common;

use common::*;
use storyline_core::clean::infer_missing_dates;
use storyline_core::text::Corpus;

fn corpus() -> Corpus {
    let mut articles: Vec<_> = cleaned().into_iter().map(|(_, a)| a).collect();
    infer_missing_dates(&mut articles);
    Corpus::build(articles)
}

#[test]
#[ignore]
fn dump() {
    let c = corpus();
    for (a, d) in c.docs.iter().enumerate() {
        println!("== {a} {:?} {:?}", d.article.dateline, d.article.published);
        for (i, s) in d.sentences.iter().enumerate() {
            println!("{a}:{i} L{} {}", s.line, s.text);
        }
    }
}

#[test]
#[ignore]
fn dump_entities() {
    let c = corpus();
    for e in storyline_core::analyze::find_entities(&c) {
        println!("{} {:?} {:?} {:?} t={:?}", e.canonical, e.kind, e.variants, e.articles, e.titles);
    }
}

#[test]
#[ignore]
fn dump_quotes() {
    let c = corpus();
    let g = storyline_core::dedup::near_duplicate_sentences(&c, &Default::default());
    let an = storyline_core::analyze::analyze(&c, &g);
    for q in &an.quotes {
        println!("Q{} {:?} | {:?} [{}] {:?} rel={:?}", q.id, q.speaker, q.text.chars().take(60).collect::<String>(), q.how, q.articles, q.related);
    }
}

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

#[test]
#[ignore]
fn dump_links() {
    use storyline_core::analyze::*;
    let c = corpus();
    let g = storyline_core::dedup::near_duplicate_sentences(&c, &Default::default());
    let e = find_entities(&c);
    let m = MentionIndex::new(&c, &e);
    let l = similarity::Links::new(&c, &g, &m);
    let mut p = l.pairs();
    p.sort_by(|a, b| b.2.partial_cmp(&a.2).unwrap());
    for (a, b, s) in p {
        println!("{:.2} dup={} ent={} L{}:{} L{}:{} | {} || {}", s, l.near_duplicate(a, b), l.shared_entities(a, b), a.article, c.sentence(a).line, b.article, c.sentence(b).line,
            c.sentence(a).text.chars().take(70).collect::<String>(), c.sentence(b).text.chars().take(70).collect::<String>());
    }
}

#[test]
#[ignore]
fn dump_timeline() {
    let c = corpus();
    let g = storyline_core::dedup::near_duplicate_sentences(&c, &Default::default());
    let an = storyline_core::analyze::analyze(&c, &g);
    for e in &an.timeline {
        let lines: Vec<String> = e.sentences.iter().map(|r| format!("{}:L{}", r.article, c.sentence(*r).line)).collect();
        let ex: Vec<String> = e.expressions.iter().map(|x| format!("{}{} <{}>", x.text, if x.statement {"(stmt)"} else {""}, x.how)).collect();
        println!("{} {:?} {:?} | {} | {:?} {:?}", e.date, e.articles, lines, e.text.chars().take(50).collect::<String>(), ex, e.matched);
    }
}

#[test]
#[ignore]
fn dump_rest() {
    let c = corpus();
    let g = storyline_core::dedup::near_duplicate_sentences(&c, &Default::default());
    let an = storyline_core::analyze::analyze(&c, &g);
    for n in &an.numbers {
        let ls: Vec<String> = n.mentions.iter().map(|m| format!("{}:L{} {:?} q={:?} w={:?}", m.at.article, c.sentence(m.at).line, m.text, m.qualifier, m.what)).collect();
        println!("N {:?} {} {:?} {:?} {:?}", n.kind, n.text, n.what, n.articles, ls);
    }
    for x in &an.conflicts {
        println!("C {:?} {} {:?}", x.kind, x.about.chars().take(60).collect::<String>(), x.claims.iter().map(|c| (&c.says, &c.articles, &c.words)).collect::<Vec<_>>());
    }
    for o in &an.only_in {
        for f in &o.facts {
            println!("O {} L{} partly={} {}", o.article, c.sentence(f.at).line, f.partly, f.text.chars().take(70).collect::<String>());
        }
    }
    for f in an.facts.iter().filter(|f| f.articles.len() > 1) {
        println!("F {:?} {:?} {}", f.support, f.sentences.iter().map(|r| format!("{}:L{}", r.article, c.sentence(*r).line)).collect::<Vec<_>>(), f.text.chars().take(60).collect::<String>());
    }
}

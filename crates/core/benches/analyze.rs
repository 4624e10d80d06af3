//! Speed of the cross-source analysis on a 10-article story.
//!
//! The story: the largest cluster of the first lines of
//! `../shared/data/multinews-val/multinews_plus_val.jsonl.gz` that has ten
//! documents; when the data is not there, the bundled example's three
//! articles plus copies of them under other ids (same size class).
//! Run: `cargo bench -p storyline-core --bench analyze`.

use criterion::{Criterion, criterion_group, criterion_main};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use storyline_core::analyze::analyze;
use storyline_core::clean::{clean, infer_missing_dates};
use storyline_core::dedup::{DedupConfig, near_duplicate_sentences};
use storyline_core::ingest::{RawDoc, read_text_file};
use storyline_core::model::Article;
use storyline_core::text::Corpus;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example() -> Vec<Article> {
    let dir = root().join("examples/iraq-2020-01-10");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("example folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| clean(&read_text_file(f).expect("example file")))
        .collect()
}

/// Seven long Multi-News documents (the data's ten-document clusters are
/// crawl boilerplate), each given a title line, when the data is present.
fn multinews_seven() -> Option<Vec<Article>> {
    let path = root().join("../shared/data/multinews-val/multinews_plus_val.jsonl.gz");
    let file = std::fs::File::open(path).ok()?;
    let reader = BufReader::new(flate2::read::GzDecoder::new(file));
    let mut arts = Vec::new();
    for line in reader.lines() {
        let v: serde_json::Value = serde_json::from_str(&line.ok()?).ok()?;
        let idx = v["idx"].as_u64().unwrap_or(0);
        for (i, d) in v["documents"].as_array()?.iter().enumerate() {
            let Some(t) = d.as_str() else { continue };
            if t.len() >= 2500 && arts.len() < 7 {
                let text = format!("Document {idx}-{i}\n\n{t}");
                arts.push(clean(&RawDoc::text(format!("multinews:{idx}:{i}"), text)));
            }
        }
        if arts.len() == 7 {
            return Some(arts);
        }
    }
    None
}

/// The example's three articles plus seven others: a 10-article story.
fn ten_articles() -> (Vec<Article>, &'static str) {
    let mut arts = example();
    if let Some(more) = multinews_seven() {
        arts.extend(more);
        return (arts, "example+multinews-10");
    }
    for round in 1..4 {
        for mut a in example() {
            a.id = format!("{}-{round}", a.id);
            arts.push(a);
        }
    }
    arts.truncate(10);
    (arts, "example-x10")
}

fn prepared(mut articles: Vec<Article>) -> (Corpus, storyline_core::dedup::SentenceGroups) {
    infer_missing_dates(&mut articles);
    let corpus = Corpus::build(articles);
    let groups = near_duplicate_sentences(&corpus, &DedupConfig::default());
    (corpus, groups)
}

fn bench(c: &mut Criterion) {
    let (ten, name) = ten_articles();
    let words: usize = ten.iter().map(|a| a.body.split_whitespace().count()).sum();
    let (corpus, groups) = prepared(ten);
    eprintln!(
        "story {name}: {} articles, {} sentences, {words} words",
        corpus.docs.len(),
        corpus.sentence_count()
    );
    c.bench_function(&format!("analyze/{name}"), |b| {
        b.iter(|| analyze(std::hint::black_box(&corpus), &groups))
    });
    // Stages, to see where the time goes.
    use storyline_core::analyze::{
        MentionIndex, find_entities, find_quotes_in, similarity, timeline,
    };
    let entities = find_entities(&corpus);
    let mentions = MentionIndex::new(&corpus, &entities);
    let exprs = timeline::all_expressions(&corpus);
    let links = similarity::Links::new(&corpus, &groups, &mentions);
    c.bench_function("stage/entities", |b| b.iter(|| find_entities(&corpus)));
    c.bench_function("stage/quotes", |b| {
        b.iter(|| find_quotes_in(&corpus, &entities, &mentions))
    });
    c.bench_function("stage/temporal", |b| {
        b.iter(|| timeline::all_expressions(&corpus))
    });
    c.bench_function("stage/links", |b| {
        b.iter(|| similarity::Links::new(&corpus, &groups, &mentions))
    });
    c.bench_function("stage/timeline", |b| {
        b.iter(|| timeline::build_timeline(&corpus, &exprs, &links))
    });
    c.bench_function("stage/numbers", |b| {
        b.iter(|| storyline_core::analyze::numbers::find_numbers(&corpus, &exprs))
    });
    c.bench_function("stage/facts", |b| {
        b.iter(|| storyline_core::analyze::agreement::facts_of(&corpus, &links))
    });
    let (corpus3, groups3) = prepared(example());
    c.bench_function("analyze/example-3", |b| {
        b.iter(|| analyze(std::hint::black_box(&corpus3), &groups3))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);

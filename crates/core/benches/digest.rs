//! `digest` on the bundled example: read → clean → text → dedup →
//! summarize → analyze, as `storyline digest examples/iraq-2020-01-10` runs it.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::PathBuf;
use storyline_core::clean::clean;
use storyline_core::digest::{DigestConfig, build_digest};
use storyline_core::ingest::{RawDoc, read_text_file};

fn example() -> Vec<RawDoc> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/iraq-2020-01-10");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("example folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| read_text_file(p).expect("example reads"))
        .collect()
}

fn bench(c: &mut Criterion) {
    let raw = example();
    let cfg = DigestConfig::default();
    c.bench_function("clean example (3 articles)", |b| {
        b.iter(|| raw.iter().map(clean).collect::<Vec<_>>())
    });
    c.bench_function("digest example (3 articles, clean included)", |b| {
        b.iter(|| {
            let articles = raw.iter().map(clean).collect();
            black_box(build_digest(articles, &cfg).expect("digest"))
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);

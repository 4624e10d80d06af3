//! Speed of the default summarizer on one core, in clusters per second:
//! on multinews-val's clusters (about 450 words each) and on larger
//! clusters made by joining documents (10 articles, about 5,000 words).
//! Reads ../shared/data (relative to the repository root); skips when absent.

use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use storyline_core::dedup::{DedupConfig, SentenceGroups, near_duplicate_sentences};
use storyline_core::eval::datasets::{ClusterReader, EvalCluster, joined_clusters};
use storyline_core::eval::summaries::{cluster_articles, summarize_cluster};
use storyline_core::summarize::{Budget, BudgetMode, Method, SummaryInput};
use storyline_core::text::Corpus;

fn data() -> Option<Vec<EvalCluster>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/multinews-val/multinews_plus_val.jsonl.gz");
    let reader = ClusterReader::open(&path).ok()?;
    Some(reader.take(600).filter_map(Result::ok).collect())
}

fn bench(c: &mut Criterion) {
    let Some(clusters) = data() else {
        eprintln!("multinews-val not found: skipping");
        return;
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("one-thread pool");
    let budget = Budget {
        words: 250,
        mode: BudgetMode::CutAtLimit,
    };
    let method = Method::default();
    let small: Vec<EvalCluster> = clusters.iter().take(500).cloned().collect();
    let mut g = c.benchmark_group("summarize");
    g.sample_size(10);
    g.throughput(Throughput::Elements(small.len() as u64));
    g.bench_function(format!("{}/multinews-val", method.name()), |b| {
        b.iter(|| {
            pool.install(|| {
                for cl in &small {
                    std::hint::black_box(summarize_cluster(cl, method, budget));
                }
            })
        })
    });
    let big = joined_clusters(&clusters, 20);
    g.throughput(Throughput::Elements(big.len() as u64));
    g.bench_function(format!("{}/joined-10x500w", method.name()), |b| {
        b.iter(|| {
            pool.install(|| {
                for cl in &big {
                    std::hint::black_box(summarize_cluster(cl, method, budget));
                }
            })
        })
    });
    // The selection alone, on stories already split, tokenized and deduplicated.
    let prepared: Vec<(Corpus, SentenceGroups)> = small
        .iter()
        .map(|cl| {
            let corpus = Corpus::build(cluster_articles(cl));
            let groups = near_duplicate_sentences(&corpus, &DedupConfig::default());
            (corpus, groups)
        })
        .collect();
    let summarizer = method.summarizer();
    g.throughput(Throughput::Elements(prepared.len() as u64));
    g.bench_function(
        format!("{}/multinews-val/select-only", method.name()),
        |b| {
            b.iter(|| {
                for (corpus, groups) in &prepared {
                    let input = SummaryInput { corpus, groups };
                    std::hint::black_box(summarizer.select(input, budget));
                }
            })
        },
    );
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! `storyline eval train-concepts`: fits the learned bigram weights
//! (`storyline_core::summarize::learned`) on a training split and prints
//! them as the Rust constant to paste into `learned.rs`.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Result;
use clap::Args;
use rayon::prelude::*;
use storyline_core::eval::datasets::{ClusterReader, EvalCluster};
use storyline_core::eval::summaries::concept_training_rows;
use storyline_core::summarize::fit_logistic;
use storyline_core::summarize::learned::{FEATURE_NAMES, N_FEATURES, predict};

/// `storyline eval train-concepts`.
#[derive(Debug, Args)]
pub struct TrainConceptsArgs {
    /// Training clusters (the `eval summarize` format); never the evaluation split.
    #[arg(long)]
    data: PathBuf,
    /// Only the first K clusters (after --skip).
    #[arg(long, default_value_t = 20_000)]
    limit: usize,
    /// Skip the first K clusters.
    #[arg(long, default_value_t = 0)]
    skip: usize,
    /// L2 penalty on the weights (not the bias).
    #[arg(long, default_value_t = 1.0)]
    l2: f64,
    /// Newton iterations at most.
    #[arg(long, default_value_t = 25)]
    iterations: usize,
}

pub fn run_train_concepts(args: TrainConceptsArgs) -> Result<()> {
    let start = Instant::now();
    let mut rows: Vec<[f32; N_FEATURES]> = Vec::new();
    let mut labels: Vec<bool> = Vec::new();
    let mut clusters = 0usize;
    let mut reader = ClusterReader::open(&args.data)?
        .skip(args.skip)
        .take(args.limit)
        .peekable();
    let mut batch: Vec<EvalCluster> = Vec::with_capacity(1024);
    while reader.peek().is_some() {
        batch.clear();
        for c in reader.by_ref().take(1024) {
            batch.push(c?);
        }
        clusters += batch.len();
        let done: Vec<_> = batch.par_iter().map(concept_training_rows).collect();
        for (r, l) in done {
            rows.extend(r);
            labels.extend(l);
        }
    }
    let positives = labels.iter().filter(|&&y| y).count();
    eprintln!(
        "{clusters} clusters, {} bigrams, {positives} in the reference ({:.1}%), {:.1} s",
        rows.len(),
        100.0 * positives as f64 / rows.len().max(1) as f64,
        start.elapsed().as_secs_f64()
    );
    let w = fit_logistic(&rows, &labels, args.l2, args.iterations);
    // Fit report: mean log loss against the base rate's.
    let base = positives as f64 / rows.len().max(1) as f64;
    let (mut ll, mut ll0) = (0f64, 0f64);
    for (r, &y) in rows.iter().zip(&labels) {
        let p = predict(&w, &r.map(f64::from)).clamp(1e-12, 1.0 - 1e-12);
        ll -= if y { p.ln() } else { (1.0 - p).ln() };
        ll0 -= if y { base.ln() } else { (1.0 - base).ln() };
    }
    eprintln!(
        "log loss {:.4} (base rate {:.4}); {:.1} s",
        ll / rows.len().max(1) as f64,
        ll0 / rows.len().max(1) as f64,
        start.elapsed().as_secs_f64()
    );
    println!(
        "// storyline eval train-concepts --data {} --limit {} --skip {} --l2 {}",
        args.data.display(),
        args.limit,
        args.skip,
        args.l2
    );
    println!("pub const WEIGHTS: [f64; N_FEATURES + 1] = [");
    println!("    {:.4}, // bias", w[0]);
    for (name, x) in FEATURE_NAMES.iter().zip(&w[1..]) {
        println!("    {x:.4}, // {name}");
    }
    println!("];");
    let csv: Vec<String> = w.iter().map(|x| format!("{x:.4}")).collect();
    eprintln!("{}", csv.join(","));
    Ok(())
}

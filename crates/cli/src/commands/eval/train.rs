//! `storyline eval train-concepts`: fits the learned bigram weights
//! (`storyline_core::summarize::learned`) on a training split and prints
//! them as the Rust constant to paste into `learned.rs`.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Result;
use clap::Args;
use rayon::prelude::*;
use storyline_core::eval::datasets::{ClusterReader, EvalCluster};
use storyline_core::eval::summaries::{concept_training_rows, salience_training_rows};
use storyline_core::summarize::fit_logistic;
use storyline_core::summarize::learned::{FEATURE_NAMES, predict};
use storyline_core::summarize::salience::SENT_FEATURE_NAMES;

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
    /// Fit the sentence salience model (`summarize::salience`) instead of
    /// the bigram weights; prints `SENT_WEIGHTS`.
    #[arg(long)]
    sentences: bool,
}

pub fn run_train_concepts(args: TrainConceptsArgs) -> Result<()> {
    if args.sentences {
        train(
            &args,
            salience_training_rows,
            &SENT_FEATURE_NAMES,
            "SENT_WEIGHTS: [f64; N_SENT_FEATURES + 1]",
        )
    } else {
        train(
            &args,
            |c| {
                let (r, l) = concept_training_rows(c);
                (r, l.into_iter().map(|y| y as u32 as f32).collect())
            },
            &FEATURE_NAMES,
            "WEIGHTS: [f64; N_FEATURES + 1]",
        )
    }
}

/// Reads the clusters, collects their rows (features, label in [0, 1]),
/// fits the logistic model and prints it as a Rust constant.
fn train<const F: usize>(
    args: &TrainConceptsArgs,
    rows_of: impl Fn(&EvalCluster) -> (Vec<[f32; F]>, Vec<f32>) + Sync,
    names: &[&str; F],
    constant: &str,
) -> Result<()> {
    let start = Instant::now();
    let mut rows: Vec<[f32; F]> = Vec::new();
    let mut labels: Vec<f32> = Vec::new();
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
        let done: Vec<_> = batch.par_iter().map(&rows_of).collect();
        for (r, l) in done {
            rows.extend(r);
            labels.extend(l);
        }
    }
    let positives: f64 = labels.iter().map(|&y| y as f64).sum();
    eprintln!(
        "{clusters} clusters, {} rows, mean label {:.4}, {:.1} s",
        rows.len(),
        positives / rows.len().max(1) as f64,
        start.elapsed().as_secs_f64()
    );
    let w = fit_logistic(&rows, &labels, args.l2, args.iterations);
    // Fit report: mean log loss (cross-entropy) against the base rate's.
    let base = (positives / rows.len().max(1) as f64).clamp(1e-12, 1.0 - 1e-12);
    let (mut ll, mut ll0) = (0f64, 0f64);
    for (r, &y) in rows.iter().zip(&labels) {
        let p = predict(&w, &r.map(f64::from)).clamp(1e-12, 1.0 - 1e-12);
        let y = y as f64;
        ll -= y * p.ln() + (1.0 - y) * (1.0 - p).ln();
        ll0 -= y * base.ln() + (1.0 - y) * (1.0 - base).ln();
    }
    eprintln!(
        "log loss {:.4} (base rate {:.4}); {:.1} s",
        ll / rows.len().max(1) as f64,
        ll0 / rows.len().max(1) as f64,
        start.elapsed().as_secs_f64()
    );
    println!(
        "// storyline eval train-concepts --data {} --limit {} --skip {} --l2 {}{}",
        args.data.display(),
        args.limit,
        args.skip,
        args.l2,
        if args.sentences { " --sentences" } else { "" }
    );
    println!("pub const {constant} = [");
    println!("    {:.4}, // bias", w[0]);
    for (name, x) in names.iter().zip(&w[1..]) {
        println!("    {x:.4}, // {name}");
    }
    println!("];");
    let csv: Vec<String> = w.iter().map(|x| format!("{x:.4}")).collect();
    eprintln!("{}", csv.join(","));
    Ok(())
}

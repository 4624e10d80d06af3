//! `storyline eval`: benchmark figures.

use anyhow::Context;
use clap::{Args, Subcommand};
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;
use storyline_core::clean::clean;
use storyline_core::cluster::ClusterConfig;
use storyline_core::eval::cluster::{bcubed, load_multinews_pool, pairwise, shuffle};
use storyline_core::eval::extract::{self, ExtractReport};
use storyline_core::ingest::Extractor;
use storyline_core::stream::{Placement, Stream, StreamConfig};

/// The benchmark to run.
#[derive(Debug, Subcommand)]
pub enum EvalTask {
    /// HTML main-content extraction: token F1 against the reference text,
    /// title and publication-time accuracy against the reference metadata.
    Extract(ExtractArgs),
    /// Story clustering: pool the documents of many Multi-News clusters,
    /// shuffle them, cluster them as a stream, score against the clusters
    /// (B-cubed and pairwise F1).
    Cluster(ClusterEvalArgs),
}

/// Arguments of `storyline eval extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Folder of test pages (one folder per page with source.html,
    /// expected.html and expected-metadata.json).
    #[arg(
        long,
        default_value = "../shared/data/readability-pages/test/test-pages"
    )]
    pub data: PathBuf,
    /// Extractor to measure: readability, trafilatura, or all (compares them).
    #[arg(long, default_value = "readability")]
    pub extractor: String,
    /// Print each page's scores.
    #[arg(long, short)]
    pub verbose: bool,
    /// Score the article body after cleaning (chrome lines dropped) instead
    /// of the extractor's text.
    #[arg(long)]
    pub cleaned: bool,
    /// Print the report as JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Runs `storyline eval TASK`.
pub fn run(task: &EvalTask) -> anyhow::Result<()> {
    match task {
        EvalTask::Extract(args) => run_extract(args),
        EvalTask::Cluster(args) => run_cluster(args),
    }
}

/// Runs `storyline eval extract`.
pub fn run_extract(args: &ExtractArgs) -> anyhow::Result<()> {
    let extractors: Vec<Extractor> = if args.extractor == "all" {
        Extractor::ALL.to_vec()
    } else {
        vec![args.extractor.parse().map_err(anyhow::Error::msg)?]
    };
    let pages = extract::load_pages(&args.data)
        .with_context(|| format!("loading test pages from {}", args.data.display()))?;
    anyhow::ensure!(
        !pages.is_empty(),
        "no test pages under {}",
        args.data.display()
    );
    let mut reports = Vec::new();
    for ex in extractors {
        let stage = if args.cleaned {
            extract::Stage::Cleaned
        } else {
            extract::Stage::Extracted
        };
        reports.push(extract::evaluate_at(&pages, ex, stage)?);
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&reports)?);
        return Ok(());
    }
    for r in &reports {
        print_report(r, args.verbose);
    }
    Ok(())
}

fn print_report(r: &ExtractReport, verbose: bool) {
    if verbose {
        println!(
            "{:<44} {:>6} {:>6} {:>6}  title date",
            "page", "P", "R", "F1"
        );
        let mark = |b: Option<bool>| match b {
            Some(true) => "ok",
            Some(false) => "MISS",
            None => "-",
        };
        for p in &r.pages {
            println!(
                "{:<44} {:>6.3} {:>6.3} {:>6.3}  {:<5} {}{}",
                p.name,
                p.text.precision,
                p.text.recall,
                p.text.f1,
                mark(p.title_ok),
                mark(p.published_ok),
                if p.fallback { "  (whole body)" } else { "" }
            );
        }
    }
    let pct = |(n, ok): (usize, usize)| {
        if n == 0 {
            0.0
        } else {
            100.0 * ok as f64 / n as f64
        }
    };
    println!(
        "{}{}: {} pages, mean P {:.3} R {:.3} F1 {:.3}; title {}/{} ({:.1}%); published time {}/{} ({:.1}%), {} more pages with a date the reference lacks",
        r.extractor.name(),
        if r.stage == extract::Stage::Cleaned {
            " (after cleaning)"
        } else {
            ""
        },
        r.pages.len(),
        r.mean.precision,
        r.mean.recall,
        r.mean.f1,
        r.titles.1,
        r.titles.0,
        pct(r.titles),
        r.dates.1,
        r.dates.0,
        pct(r.dates),
        r.extra_dates
    );
}

/// Arguments of `storyline eval cluster`.
#[derive(Debug, Args)]
pub struct ClusterEvalArgs {
    /// Multi-News+ JSONL (plain or .gz).
    #[arg(
        long,
        default_value = "../shared/data/multinews-val/multinews_plus_val.jsonl.gz"
    )]
    pub data: PathBuf,
    /// Seed of the shuffle.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
    /// Similarity threshold for joining a story (default: the clusterer's).
    #[arg(long)]
    pub threshold: Option<f64>,
    /// Sliding window in articles (default: the clusterer's).
    #[arg(long)]
    pub window: Option<usize>,
    /// Compare with a story's centroid instead of its nearest article.
    #[arg(long)]
    pub centroid: bool,
    /// Use only the first N clusters of the file.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Write each document's id, gold cluster and story (TSV) to this file.
    #[arg(long)]
    pub dump: Option<PathBuf>,
}

/// The figures of `eval cluster`.
#[derive(Debug, serde::Serialize)]
pub struct ClusterReport {
    documents: usize,
    gold_clusters: usize,
    stories: usize,
    duplicates_merged: usize,
    window: usize,
    threshold: f64,
    seed: u64,
    bcubed: storyline_core::eval::cluster::Prf,
    pairwise: storyline_core::eval::cluster::Prf,
    seconds: f64,
}

/// Runs `storyline eval cluster`.
pub fn run_cluster(a: &ClusterEvalArgs) -> anyhow::Result<()> {
    let mut docs =
        load_multinews_pool(&a.data).with_context(|| format!("reading {}", a.data.display()))?;
    if let Some(n) = a.limit {
        let mut seen = std::collections::HashSet::new();
        docs.retain(|d| {
            let cluster = d.id.split(':').next().unwrap_or("").to_string();
            if seen.contains(&cluster) {
                return true;
            }
            if seen.len() < n {
                seen.insert(cluster);
                true
            } else {
                false
            }
        });
    }
    anyhow::ensure!(!docs.is_empty(), "no documents in {}", a.data.display());
    shuffle(&mut docs, a.seed);
    let defaults = ClusterConfig::default();
    let cfg = StreamConfig {
        cluster: ClusterConfig {
            threshold: a.threshold.unwrap_or(defaults.threshold),
            window_articles: a.window.unwrap_or(defaults.window_articles),
            link: if a.centroid {
                storyline_core::cluster::Link::Centroid
            } else {
                defaults.link
            },
            ..defaults
        },
        ..StreamConfig::default()
    };
    let start = Instant::now();
    let mut stream = Stream::new(cfg);
    let hasher = stream.hasher().clone();
    let prepared: Vec<_> = docs
        .par_iter()
        .map(|d| storyline_core::stream::prepare(&hasher, clean(&d.raw())))
        .collect();
    let prepared_at = start.elapsed().as_secs_f64();
    let mut pred = Vec::with_capacity(docs.len());
    let mut dups = 0;
    for p in &prepared {
        let step = stream.push(p);
        if matches!(step.placement, Placement::Duplicate { .. }) {
            dups += 1;
        }
        pred.push(step.placement.story().to_string());
    }
    let gold: Vec<&str> = docs.iter().map(|d| d.gold.as_str()).collect();
    if let Some(path) = &a.dump {
        let mut out = String::new();
        for (d, p) in docs.iter().zip(&pred) {
            out.push_str(&format!("{}\t{}\t{}\n", d.id, d.gold, p));
        }
        std::fs::write(path, out).with_context(|| format!("writing {}", path.display()))?;
    }
    let report = ClusterReport {
        documents: docs.len(),
        gold_clusters: gold.iter().collect::<std::collections::HashSet<_>>().len(),
        stories: pred.iter().collect::<std::collections::HashSet<_>>().len(),
        duplicates_merged: dups,
        window: cfg.cluster.window_articles,
        threshold: cfg.cluster.threshold,
        seed: a.seed,
        bcubed: bcubed(&pred, &gold),
        pairwise: pairwise(&pred, &gold),
        seconds: start.elapsed().as_secs_f64(),
    };
    if a.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!(
            "{} documents ({} gold clusters, noise as singletons), shuffled with seed {}; window {} articles, threshold {}",
            report.documents, report.gold_clusters, report.seed, report.window, report.threshold
        );
        println!(
            "{} stories, {} near-duplicates merged, {:.1} s ({:.1} s cleaning and features)",
            report.stories, report.duplicates_merged, report.seconds, prepared_at
        );
        println!(
            "B-cubed   P {:.4}  R {:.4}  F1 {:.4}",
            report.bcubed.precision, report.bcubed.recall, report.bcubed.f1
        );
        println!(
            "pairwise  P {:.4}  R {:.4}  F1 {:.4}",
            report.pairwise.precision, report.pairwise.recall, report.pairwise.f1
        );
    }
    Ok(())
}

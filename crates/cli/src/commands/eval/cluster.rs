//! `storyline eval cluster`: story clustering on pooled, shuffled
//! Multi-News documents (B-cubed and pairwise F1).

use anyhow::Context;
use clap::Args;
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;
use storyline_core::clean::clean;
use storyline_core::cluster::ClusterConfig;
use storyline_core::eval::cluster::{bcubed, load_multinews_pool, pairwise, shuffle};
use storyline_core::stream::{Placement, Stream, StreamConfig};

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
    /// How an article is compared with a story (default: the clusterer's).
    #[arg(long, value_enum)]
    pub link: Option<LinkArg>,
    /// Use only the first N clusters of the file.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Write each document's id, gold cluster, story and placement (new,
    /// joined, duplicate, set-aside) as TSV to this file.
    #[arg(long)]
    pub dump: Option<PathBuf>,
}

/// `--link`: how an article is compared with a story.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum LinkArg {
    /// Cosine with the story's centroid.
    Centroid,
    /// Cosine with the story's most similar article.
    Nearest,
    /// Mean of the nearest article's cosine and the story's average.
    Blend,
}

impl LinkArg {
    fn link(self) -> storyline_core::cluster::Link {
        use storyline_core::cluster::Link;
        match self {
            LinkArg::Centroid => Link::Centroid,
            LinkArg::Nearest => Link::Nearest,
            LinkArg::Blend => Link::Blend,
        }
    }
}

/// The figures of `eval cluster`.
#[derive(Debug, serde::Serialize)]
pub struct ClusterReport {
    documents: usize,
    gold_clusters: usize,
    stories: usize,
    duplicates_merged: usize,
    set_aside: usize,
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
            link: a.link.map_or(defaults.link, LinkArg::link),
            ..defaults
        },
        ..StreamConfig::default()
    };
    let start = Instant::now();
    let mut stream = Stream::new(cfg);
    let preparer = stream.preparer();
    let prepared: Vec<_> = docs
        .par_iter()
        .map(|d| preparer.prepare(clean(&d.raw())))
        .collect();
    let prepared_at = start.elapsed().as_secs_f64();
    let mut pred = Vec::with_capacity(docs.len());
    let mut kinds = Vec::with_capacity(docs.len());
    let (mut dups, mut aside) = (0, 0);
    for p in &prepared {
        let step = stream.push(p);
        kinds.push(match step.placement {
            Placement::Duplicate { .. } => {
                dups += 1;
                "duplicate"
            }
            Placement::SetAside { .. } => {
                aside += 1;
                "set-aside"
            }
            Placement::Clustered { new: true, .. } => "new",
            Placement::Clustered { .. } => "joined",
        });
        pred.push(step.placement.story().to_string());
    }
    let gold: Vec<&str> = docs.iter().map(|d| d.gold.as_str()).collect();
    if let Some(path) = &a.dump {
        let mut out = String::new();
        for ((d, p), k) in docs.iter().zip(&pred).zip(&kinds) {
            out.push_str(&format!("{}\t{}\t{}\t{}\n", d.id, d.gold, p, k));
        }
        std::fs::write(path, out).with_context(|| format!("writing {}", path.display()))?;
    }
    let report = ClusterReport {
        documents: docs.len(),
        gold_clusters: gold.iter().collect::<std::collections::HashSet<_>>().len(),
        stories: pred.iter().collect::<std::collections::HashSet<_>>().len(),
        duplicates_merged: dups,
        set_aside: aside,
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
            "{} stories, {} near-duplicates merged, {} set aside (too little article text), {:.1} s ({:.1} s cleaning and features)",
            report.stories, report.duplicates_merged, report.set_aside, report.seconds, prepared_at
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

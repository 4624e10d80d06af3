//! `storyline eval cluster`: story clustering on pooled, shuffled
//! Multi-News documents, or on a labelled dated stream such as AllSides
//! dev (B-cubed and pairwise F1).

use anyhow::Context;
use clap::Args;
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;
use storyline_core::clean::clean;
use storyline_core::cluster::ClusterConfig;
use storyline_core::dedup::minhash::{fnv1a, mix64};
use storyline_core::eval::cluster::{bcubed, load_gold, load_multinews_pool, pairwise, shuffle};
use storyline_core::ingest::{RawDoc, read_path};
use storyline_core::stream::{StreamConfig, cluster_batch_observed};

/// Arguments of `storyline eval cluster`.
#[derive(Debug, Args)]
pub struct ClusterEvalArgs {
    /// The benchmark: pooled Multi-News+ validation (undated), or the
    /// AllSides dev stream (dated, with its gold file).
    #[arg(long, value_enum, default_value_t = Dataset::Multinews)]
    pub dataset: Dataset,
    /// The data: Multi-News+ JSONL (plain or .gz), or with `--gold` (or
    /// `--dataset allsides`) any article input (JSONL with id, title, text,
    /// date, source, url). Default: the dataset's file in ../shared/data.
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Gold stories of a labelled stream: a JSON object, article id →
    /// story id. Default for `--dataset allsides`: its gold file.
    #[arg(long)]
    pub gold: Option<PathBuf>,
    /// Drop the articles' dates (to check that undated input still clusters).
    #[arg(long)]
    pub undated: bool,
    /// Move each dated article forward by 0 to N days (picked by a hash of
    /// its id and the seed): a stress test of the time evidence, spreading
    /// each gold story over several days as newswire stories are.
    #[arg(long, default_value_t = 0)]
    pub jitter_days: u64,
    /// Seed of the shuffle (a dated stream is then put in date order, the
    /// shuffle deciding the order within a day).
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
    /// Similarity factor of two dated articles of the same day is
    /// 1 + this (default: the clusterer's).
    #[arg(long)]
    pub time_boost: Option<f64>,
    /// Gap in days at which dates are no evidence (default: the clusterer's):
    /// the prior of the scale the stream's dates set, or with
    /// `--fixed-time-scale` the scale itself.
    #[arg(long)]
    pub time_scale_days: Option<f64>,
    /// Keep the time scale at `--time-scale-days` instead of reading it
    /// from the stream's dates (the clusterer's behaviour before session 10).
    #[arg(long)]
    pub fixed_time_scale: bool,
    /// Weight of a name or number feature relative to a word (default: the clusterer's).
    #[arg(long)]
    pub entity_boost: Option<f32>,
    /// Use only the first N clusters of the file (Multi-News).
    #[arg(long)]
    pub limit: Option<usize>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Write each document's id, gold cluster, story and placement (new,
    /// joined, duplicate, set-aside) as TSV to this file.
    #[arg(long)]
    pub dump: Option<PathBuf>,
    /// List the errors: stories that mix gold clusters (with each member's
    /// gold cluster, date, placement and title), then gold clusters split
    /// over several stories; the worst first, up to 40 of each.
    #[arg(long)]
    pub verbose: bool,
}

/// `--dataset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Dataset {
    /// Multi-News+ validation, all clusters pooled and shuffled (no dates).
    Multinews,
    /// AllSides dev: 602 dated excerpts of 208 stories.
    Allsides,
}

const MULTINEWS: &str = "../shared/data/multinews-val/multinews_plus_val.jsonl.gz";
const ALLSIDES: &str = "../shared/data/allsides-dev/allsides_dev_pool.jsonl";
const ALLSIDES_GOLD: &str = "../shared/data/allsides-dev/allsides_dev_gold.json";

/// `--link`: how an article is compared with a story.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum LinkArg {
    /// Cosine with the story's centroid.
    Centroid,
    /// Cosine with the story's most similar article.
    Nearest,
    /// Mean of the nearest article's cosine and the story's average.
    Blend,
    /// The story's average cosine over its recent members.
    Average,
}

impl LinkArg {
    fn link(self) -> storyline_core::cluster::Link {
        use storyline_core::cluster::Link;
        match self {
            LinkArg::Centroid => Link::Centroid,
            LinkArg::Nearest => Link::Nearest,
            LinkArg::Blend => Link::Blend,
            LinkArg::Average => Link::Average,
        }
    }
}

/// The figures of `eval cluster`.
#[derive(Debug, serde::Serialize)]
pub struct ClusterReport {
    data: String,
    documents: usize,
    dated: usize,
    gold_clusters: usize,
    stories: usize,
    duplicates_merged: usize,
    set_aside: usize,
    window: usize,
    threshold: f64,
    /// The time scale the clusterer read from the stream: median, least and
    /// greatest over the stream, and at the end.
    time_scale_days: [f64; 4],
    seed: u64,
    bcubed: storyline_core::eval::cluster::Prf,
    pairwise: storyline_core::eval::cluster::Prf,
    seconds: f64,
}

/// The documents of the benchmark as raw inputs with their gold story.
fn load(a: &ClusterEvalArgs) -> anyhow::Result<(PathBuf, Vec<(RawDoc, String)>)> {
    let gold_path = a
        .gold
        .clone()
        .or_else(|| (a.dataset == Dataset::Allsides).then(|| PathBuf::from(ALLSIDES_GOLD)));
    let data = a.data.clone().unwrap_or_else(|| {
        PathBuf::from(match a.dataset {
            Dataset::Multinews => MULTINEWS,
            Dataset::Allsides => ALLSIDES,
        })
    });
    let Some(gold_path) = gold_path else {
        let mut docs =
            load_multinews_pool(&data).with_context(|| format!("reading {}", data.display()))?;
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
        let docs = docs.into_iter().map(|d| (d.raw(), d.gold)).collect();
        return Ok((data, docs));
    };
    let gold = load_gold(&gold_path).with_context(|| format!("reading {}", gold_path.display()))?;
    let mut docs = Vec::new();
    for r in read_path(&data) {
        let raw = r.with_context(|| format!("reading {}", data.display()))?;
        let id = raw.article_id();
        // An article the gold does not place is a story of its own.
        let g = gold
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("unlabelled {id}"));
        docs.push((raw, g));
    }
    Ok((data, docs))
}

/// Runs `storyline eval cluster`.
pub fn run_cluster(a: &ClusterEvalArgs) -> anyhow::Result<()> {
    let (data, mut docs) = load(a)?;
    anyhow::ensure!(!docs.is_empty(), "no documents in {}", data.display());
    shuffle(&mut docs, a.seed);
    for (raw, _) in &mut docs {
        if a.undated {
            raw.published = None;
        } else if a.jitter_days > 0 {
            let h = mix64(fnv1a(raw.article_id().as_bytes()) ^ a.seed);
            let days = chrono::Days::new(h % (a.jitter_days + 1));
            if let Some(p) = &mut raw.published {
                p.date = p.date.checked_add_days(days).unwrap_or(p.date);
            }
        }
    }
    let defaults = ClusterConfig::default();
    let cfg = StreamConfig {
        cluster: ClusterConfig {
            threshold: a.threshold.unwrap_or(defaults.threshold),
            window_articles: a.window.unwrap_or(defaults.window_articles),
            link: a.link.map_or(defaults.link, LinkArg::link),
            time_boost: a.time_boost.unwrap_or(defaults.time_boost),
            time_scale_days: a.time_scale_days.unwrap_or(defaults.time_scale_days),
            adaptive_time_scale: defaults.adaptive_time_scale && !a.fixed_time_scale,
            entity_boost: a.entity_boost.unwrap_or(defaults.entity_boost),
            ..defaults
        },
        ..StreamConfig::default()
    };
    let start = Instant::now();
    // As `storyline stories` does: every record read is placed (one emptied
    // by cleaning is set aside), in date order, undated ones in input order.
    let articles: Vec<_> = docs.par_iter().map(|(raw, _)| clean(raw)).collect();
    let cleaned_at = start.elapsed().as_secs_f64();
    let mut scales = Vec::with_capacity(articles.len());
    let stories = cluster_batch_observed(&articles, cfg, |c| scales.push(c.time_scale_days()));
    // The time scale read from the stream: its median over the stream
    // (after each article), its range, and at the end.
    let last_scale = scales
        .last()
        .copied()
        .unwrap_or(cfg.cluster.time_scale_days);
    scales.sort_by(f64::total_cmp);
    let time_scale_days = [
        scales.get(scales.len() / 2).copied().unwrap_or(last_scale),
        scales.first().copied().unwrap_or(last_scale),
        scales.last().copied().unwrap_or(last_scale),
        last_scale,
    ];
    let mut pred = vec![String::new(); docs.len()];
    let mut kinds = vec![""; docs.len()];
    let (mut dups, mut aside) = (0, 0);
    for s in &stories {
        for (k, (i, dup)) in s.members.iter().enumerate() {
            pred[*i] = s.id.clone();
            kinds[*i] = if s.set_aside {
                aside += 1;
                "set-aside"
            } else if dup.is_some() {
                dups += 1;
                "duplicate"
            } else if k == 0 {
                "new"
            } else {
                "joined"
            };
        }
    }
    let gold: Vec<&str> = docs.iter().map(|d| d.1.as_str()).collect();
    if let Some(path) = &a.dump {
        let mut out = String::new();
        for (((raw, g), p), k) in docs.iter().zip(&pred).zip(&kinds) {
            out.push_str(&format!("{}\t{}\t{}\t{}\n", raw.article_id(), g, p, k));
        }
        std::fs::write(path, out).with_context(|| format!("writing {}", path.display()))?;
    }
    let report = ClusterReport {
        data: data.display().to_string(),
        documents: docs.len(),
        dated: articles.iter().filter(|x| x.published.is_some()).count(),
        gold_clusters: gold.iter().collect::<std::collections::HashSet<_>>().len(),
        stories: stories.len(),
        duplicates_merged: dups,
        set_aside: aside,
        window: cfg.cluster.window_articles,
        threshold: cfg.cluster.threshold,
        time_scale_days,
        seed: a.seed,
        bcubed: bcubed(&pred, &gold),
        pairwise: pairwise(&pred, &gold),
        seconds: start.elapsed().as_secs_f64(),
    };
    if a.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!(
            "{}: {} documents ({} dated; {} gold clusters), shuffled with seed {}; window {} articles, threshold {}",
            report.data,
            report.documents,
            report.dated,
            report.gold_clusters,
            report.seed,
            report.window,
            report.threshold
        );
        println!(
            "{} stories, {} near-duplicates merged, {} set aside (too little article text), {:.1} s ({:.1} s cleaning)",
            report.stories, report.duplicates_merged, report.set_aside, report.seconds, cleaned_at,
        );
        let [median, least, most, end] = report.time_scale_days;
        println!(
            "time scale read from the stream: median {median:.2} days (from {least:.2} to {most:.2}; {end:.2} at the end)"
        );
        println!(
            "B-cubed   P {:.4}  R {:.4}  F1 {:.4}",
            report.bcubed.precision, report.bcubed.recall, report.bcubed.f1
        );
        println!(
            "pairwise  P {:.4}  R {:.4}  F1 {:.4}",
            report.pairwise.precision, report.pairwise.recall, report.pairwise.f1
        );
        if a.verbose {
            print_errors(&articles, &pred, &gold, &kinds);
        }
    }
    Ok(())
}

/// `--verbose`: the stories that mix gold clusters, then the gold clusters
/// split over several stories, the worst first (by the B-cubed precision,
/// then recall, their members lose).
fn print_errors(
    articles: &[storyline_core::model::Article],
    pred: &[String],
    gold: &[&str],
    kinds: &[&str],
) {
    use std::collections::BTreeMap;
    const SHOWN: usize = 40;
    let group = |keys: &[&str]| {
        let mut m: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, k) in keys.iter().enumerate() {
            m.entry(k.to_string()).or_default().push(i);
        }
        m
    };
    let pred_refs: Vec<&str> = pred.iter().map(String::as_str).collect();
    // Per group, the members' loss: sum over members of 1 - (their other
    // side's group share of this group).
    fn errors<'a>(
        by: &'a BTreeMap<String, Vec<usize>>,
        other: &[&str],
    ) -> Vec<(f64, &'a String, &'a Vec<usize>)> {
        let mut out: Vec<(f64, &String, &Vec<usize>)> = Vec::new();
        for (k, members) in by {
            let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
            for &i in members {
                *counts.entry(other[i]).or_default() += 1;
            }
            if counts.len() < 2 {
                continue;
            }
            let n = members.len() as f64;
            let loss: f64 = members
                .iter()
                .map(|&i| 1.0 - counts[other[i]] as f64 / n)
                .sum();
            out.push((loss, k, members));
        }
        out.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        out
    }
    let line = |i: usize, key: &str| {
        let a = &articles[i];
        let date = a
            .published
            .as_ref()
            .map_or("undated".to_string(), |p| p.date.to_string());
        let title: String = a.title.chars().take(90).collect();
        println!("    {key}  {date}  {:<9}  {}  {title}", kinds[i], a.id);
    };
    let by_story = group(&pred_refs);
    let merged = errors(&by_story, gold);
    println!(
        "stories mixing gold clusters: {} (precision lost, in articles: {:.1})",
        merged.len(),
        merged.iter().map(|e| e.0).sum::<f64>()
    );
    for (loss, story, members) in merged.iter().take(SHOWN) {
        println!(
            "  story {story}: {} articles, {loss:.2} lost",
            members.len()
        );
        let mut m = (*members).clone();
        m.sort_by_key(|&i| (gold[i], i));
        for i in m {
            line(i, gold[i]);
        }
    }
    let by_gold = group(gold);
    let split = errors(&by_gold, &pred_refs);
    println!(
        "gold clusters split: {} (recall lost, in articles: {:.1})",
        split.len(),
        split.iter().map(|e| e.0).sum::<f64>()
    );
    for (loss, g, members) in split.iter().take(SHOWN) {
        println!("  gold {g}: {} articles, {loss:.2} lost", members.len());
        let mut m = (*members).clone();
        m.sort_by_key(|&i| (pred[i].as_str(), i));
        for i in m {
            line(i, &pred[i]);
        }
    }
}

//! `storyline eval extract`: HTML main-content extraction quality.

use anyhow::Context;
use clap::Args;
use std::path::PathBuf;
use storyline_core::eval::extract::{self, ExtractReport};
use storyline_core::ingest::Extractor;

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

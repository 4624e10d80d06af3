//! `storyline eval extract`: HTML main-content extraction quality.

use anyhow::Context;
use clap::Args;
use std::path::PathBuf;
use storyline_core::eval::extract::{self, ExtractReport};
use storyline_core::ingest::Extractor;

/// Arguments of `storyline eval extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Test pages: a folder with an index.jsonl (the extraction-wceb
    /// layout: each page's html, gzipped or not, and truth text; scored with
    /// its score.py's tokens), or a folder of page folders with source.html,
    /// expected.html and expected-metadata.json (Readability's test pages).
    #[arg(
        long,
        default_value = "../shared/data/readability-pages/test/test-pages"
    )]
    pub data: PathBuf,
    /// Extractor to measure: auto (the default one), readability,
    /// trafilatura, density, or all (compares them).
    #[arg(long, default_value = "auto")]
    pub extractor: String,
    /// Print each page's scores.
    #[arg(long, short)]
    pub verbose: bool,
    /// Score the article body after cleaning (chrome lines dropped) instead
    /// of the extractor's text.
    #[arg(long)]
    pub cleaned: bool,
    /// Score both the extractor's text and the body after cleaning.
    #[arg(long, conflicts_with = "cleaned")]
    pub both: bool,
    /// Write each scored text to DIR/<extractor>[-cleaned]/<page>.txt (for
    /// the data set's own scorer).
    #[arg(long, value_name = "DIR")]
    pub write: Option<PathBuf>,
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
    let stages = if args.both {
        vec![extract::Stage::Extracted, extract::Stage::Cleaned]
    } else if args.cleaned {
        vec![extract::Stage::Cleaned]
    } else {
        vec![extract::Stage::Extracted]
    };
    let mut reports = Vec::new();
    for ex in extractors {
        for &stage in &stages {
            let r = extract::evaluate_at(&pages, ex, stage)?;
            if let Some(dir) = &args.write {
                write_texts(dir, &r)?;
            }
            reports.push(r);
        }
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&reports)?);
        return Ok(());
    }
    for r in &reports {
        print_report(r, args.verbose);
    }
    if reports.len() > 1 {
        print_table(&reports);
    }
    Ok(())
}

fn label(r: &ExtractReport) -> String {
    match r.stage {
        extract::Stage::Cleaned => format!("{} (cleaned)", r.extractor.name()),
        extract::Stage::Extracted => r.extractor.name().to_string(),
    }
}

/// Writes the scored texts, one file per page.
fn write_texts(dir: &std::path::Path, r: &ExtractReport) -> anyhow::Result<()> {
    let sub = match r.stage {
        extract::Stage::Cleaned => format!("{}-cleaned", r.extractor.name()),
        extract::Stage::Extracted => r.extractor.name().to_string(),
    };
    let dir = dir.join(sub);
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    for p in &r.pages {
        let path = dir.join(format!("{}.txt", p.name));
        std::fs::write(&path, &p.scored).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

/// One table of every report: quality and speed side by side.
fn print_table(reports: &[ExtractReport]) {
    println!();
    println!("| extractor | P | R | F1 | pages/s | MB/s |\n|---|---|---|---|---|---|");
    for r in reports {
        println!(
            "| {} | {:.3} | {:.3} | {:.3} | {:.1} | {:.1} |",
            label(r),
            r.mean.precision,
            r.mean.recall,
            r.mean.f1,
            r.pages_per_second(),
            r.mb_per_second()
        );
    }
    println!(
        "(pages/s and MB/s: one thread, decoding + extraction (+ cleaning), files already read)"
    );
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
        "{}: {} pages ({:.1} MB), mean P {:.3} R {:.3} F1 {:.3}; {:.1} pages/s, {:.1} MB/s on one thread ({:.1} s wall); title {}/{} ({:.1}%); published time {}/{} ({:.1}%), {} more pages with a date the reference lacks",
        label(r),
        r.pages.len(),
        r.bytes as f64 / 1e6,
        r.mean.precision,
        r.mean.recall,
        r.mean.f1,
        r.pages_per_second(),
        r.mb_per_second(),
        r.wall_seconds,
        r.titles.1,
        r.titles.0,
        pct(r.titles),
        r.dates.1,
        r.dates.0,
        pct(r.dates),
        r.extra_dates
    );
}

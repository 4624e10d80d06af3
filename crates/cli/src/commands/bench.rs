//! `storyline bench stream`: throughput of ingest → clean → dedup → cluster
//! over a long synthetic stream, with memory at checkpoints.

use anyhow::Context;
use clap::{Args, Subcommand};
use rayon::prelude::*;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;
use storyline_core::clean::clean;
use storyline_core::dedup::minhash::mix64;
use storyline_core::eval::cluster::load_multinews_pool;
use storyline_core::ingest::RawDoc;
use storyline_core::model::{DateSource, Published};
use storyline_core::stream::{Placement, Prepared, Stream, StreamConfig};
use storyline_core::text::split_paragraph;

/// The benchmark to run.
#[derive(Debug, Subcommand)]
pub enum BenchTask {
    /// Articles per second through ingest → clean → dedup → cluster, over a
    /// stream of distinct articles recombined from Multi-News sentences.
    Stream(StreamBenchArgs),
    /// Records per second of the ingest's per-article step (read, clean,
    /// split, sign, featurize, as JSON) over input files, in Rust alone:
    /// the baseline of `storyline.process_batch`'s Python overhead.
    Prepare(PrepareBenchArgs),
}

/// Arguments of `storyline bench prepare`.
#[derive(Debug, Args)]
pub struct PrepareBenchArgs {
    /// Input files or folders (any format `ingest` reads).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Worker threads.
    #[arg(long, default_value_t = 2)]
    pub threads: usize,
    /// Runs; the best is reported.
    #[arg(long, default_value_t = 3)]
    pub runs: usize,
}

/// `bench prepare`: reading once, then the per-article step timed.
fn run_prepare(a: &PrepareBenchArgs) -> anyhow::Result<ExitCode> {
    use rayon::prelude::*;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(a.threads)
        .build()?;
    let raws: Vec<RawDoc> = storyline_store::ingest::records(&a.paths)
        .filter_map(|(_, r)| r.ok())
        .collect();
    let bytes: usize = raws.iter().map(|r| r.text.len()).sum();
    let preparer = storyline_core::stream::Stream::new(Default::default()).preparer();
    let mut best = f64::INFINITY;
    for _ in 0..a.runs.max(1) {
        let raws = raws.clone();
        let t = std::time::Instant::now();
        let out: usize = pool.install(|| {
            raws.into_par_iter()
                .map(|raw| {
                    let p = storyline_store::ingest::prepare(&preparer, raw);
                    serde_json::to_string(&p).map_or(0, |j| j.len())
                })
                .sum()
        });
        best = best.min(t.elapsed().as_secs_f64());
        std::hint::black_box(out);
    }
    println!(
        "{} records ({:.1} MB of text) prepared in {:.3} s on {} thread(s): {:.0} records/s (best of {})",
        raws.len(),
        bytes as f64 / 1e6,
        best,
        a.threads,
        raws.len() as f64 / best,
        a.runs.max(1)
    );
    Ok(ExitCode::SUCCESS)
}

/// Runs `storyline bench TASK`.
pub fn run(task: &BenchTask) -> anyhow::Result<ExitCode> {
    match task {
        BenchTask::Stream(a) => run_stream(a),
        BenchTask::Prepare(a) => run_prepare(a),
    }
}

/// Arguments of `storyline bench stream`.
#[derive(Debug, Args)]
pub struct StreamBenchArgs {
    /// Multi-News+ JSONL (plain or .gz), the source of the sentences.
    #[arg(
        long,
        default_value = "../shared/data/multinews-val/multinews_plus_val.jsonl.gz"
    )]
    pub data: PathBuf,
    /// Articles in the stream.
    #[arg(long, default_value_t = 200_000)]
    pub articles: usize,
    /// Worker threads.
    #[arg(long, default_value_t = 2)]
    pub threads: usize,
    /// Articles per batch.
    #[arg(long, default_value_t = 1_000)]
    pub batch: usize,
    /// Articles per day of the synthetic publication dates (0: undated).
    #[arg(long, default_value_t = 2_000)]
    pub per_day: usize,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Resident memory of this process now and at its peak, in MiB (Linux).
pub fn rss_mib() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// CPU time this thread has run, in seconds (Linux `schedstat`, ns resolution).
fn thread_cpu() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .next()
                .and_then(|v| v.parse::<f64>().ok())
        })
        .map_or(0.0, |ns| ns / 1e9)
}

/// CPU time the whole process has run (user + system), in seconds.
fn process_cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces) start after ')'.
    let rest = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<f64> = rest
        .split_whitespace()
        .map(|x| x.parse::<f64>().unwrap_or(0.0))
        .collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after ')'.
    (f.get(11).copied().unwrap_or(0.0) + f.get(12).copied().unwrap_or(0.0)) / 100.0
}

/// Builds article `k` of the synthetic stream: runs of sentences from
/// three documents chosen by a hash of `k`, the first sentence as title.
fn synth(k: usize, docs: &[Vec<String>], per_day: usize) -> RawDoc {
    let mut h = mix64(k as u64 ^ 0x0571_7ea3);
    let mut next = |n: usize| {
        h = mix64(h.wrapping_add(0x9e3779b97f4a7c15));
        (h % n.max(1) as u64) as usize
    };
    let mut sentences: Vec<&str> = Vec::new();
    for run in [4, 3, 2] {
        let d = &docs[next(docs.len())];
        if d.is_empty() {
            continue;
        }
        let start = next(d.len());
        let len = 1 + next(run);
        sentences.extend(d.iter().skip(start).take(len).map(String::as_str));
    }
    let title: String = sentences
        .first()
        .map(|s| s.split_whitespace().take(12).collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    let mut text = format!("{title}\n\n");
    for pair in sentences.chunks(2) {
        text.push_str(&pair.join(" "));
        text.push_str("\n\n");
    }
    let mut raw = RawDoc::text(format!("bench/{k}"), text);
    raw.id = Some(format!("b{k}"));
    if let Some(day) = k.checked_div(per_day) {
        let date = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default()
            + chrono::Days::new(day as u64);
        raw.published = Some(Published {
            date,
            time: None,
            how: DateSource::Metadata,
            evidence: "synthetic".to_string(),
        });
    }
    raw
}

/// The figures of `bench stream`.
#[derive(Debug, serde::Serialize)]
pub struct StreamReport {
    articles: usize,
    threads: usize,
    seconds: f64,
    articles_per_second: f64,
    duplicates_merged: usize,
    stories: usize,
    window: usize,
    /// CPU seconds of the whole process during the run (all threads).
    cpu_seconds: f64,
    /// CPU seconds of the sequential step (dedup lookup + clustering).
    sequential_cpu_seconds: f64,
    /// Articles per second the CPU time allows on `threads` otherwise idle
    /// cores: articles / max(cpu / threads, sequential cpu).
    cpu_bound_articles_per_second: f64,
    /// (articles so far, RSS MiB, peak RSS MiB)
    memory: Vec<(usize, f64, f64)>,
    setup_seconds: f64,
}

/// Runs `storyline bench stream`.
pub fn run_stream(a: &StreamBenchArgs) -> anyhow::Result<ExitCode> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(a.threads.max(1))
        .build()
        .context("starting worker threads")?;
    pool.install(|| bench(a))
}

fn bench(a: &StreamBenchArgs) -> anyhow::Result<ExitCode> {
    let setup = Instant::now();
    let pool =
        load_multinews_pool(&a.data).with_context(|| format!("reading {}", a.data.display()))?;
    let docs: Vec<Vec<String>> = pool
        .par_iter()
        .map(|d| {
            split_paragraph(&d.text)
                .into_iter()
                .map(|s| d.text[s.start..s.end].to_string())
                .collect()
        })
        .collect();
    drop(pool);
    let setup_seconds = setup.elapsed().as_secs_f64();
    let mut stream = Stream::new(StreamConfig::default());
    let preparer = stream.preparer();
    let make = |from: usize, to: usize| -> Vec<Prepared> {
        (from..to)
            .into_par_iter()
            .map(|k| preparer.prepare(clean(&synth(k, &docs, a.per_day))))
            .collect()
    };
    let batch = a.batch.max(1);
    let checkpoints: Vec<usize> = [50_000, 100_000, 150_000, 200_000, 400_000, 1_000_000]
        .into_iter()
        .filter(|&c| c < a.articles)
        .chain(std::iter::once(a.articles))
        .collect();
    let mut memory = Vec::new();
    let mut dups = 0;
    let mut stories = 0;
    let start = Instant::now();
    let cpu_start = process_cpu();
    let mut seq_cpu = 0.0;
    let mut done = 0;
    let mut current = make(0, batch.min(a.articles));
    while !current.is_empty() {
        let from = done + current.len();
        let to = (from + batch).min(a.articles);
        // The next batch is prepared (in parallel) while this one is pushed.
        let (next, (d, s, c)) = rayon::join(
            || make(from, to),
            || {
                let t0 = thread_cpu();
                let (mut d, mut s) = (0, 0);
                for p in &current {
                    match stream.push(p).placement {
                        Placement::Duplicate { .. } => d += 1,
                        Placement::Clustered { new: true, .. } => s += 1,
                        Placement::Clustered { .. } | Placement::SetAside { .. } => {}
                    }
                }
                (d, s, thread_cpu() - t0)
            },
        );
        seq_cpu += c;
        dups += d;
        stories += s;
        let before = done;
        done = from;
        for &c in &checkpoints {
            if before < c && c <= done {
                let (rss, hwm) = rss_mib();
                memory.push((c, rss, hwm));
            }
        }
        current = next;
    }
    let seconds = start.elapsed().as_secs_f64();
    let cpu = process_cpu() - cpu_start;
    let bound = (cpu / a.threads.max(1) as f64).max(seq_cpu).max(1e-9);
    let report = StreamReport {
        articles: done,
        threads: a.threads,
        seconds,
        articles_per_second: done as f64 / seconds.max(1e-9),
        duplicates_merged: dups,
        stories,
        window: stream.config().cluster.window_articles,
        cpu_seconds: cpu,
        sequential_cpu_seconds: seq_cpu,
        cpu_bound_articles_per_second: done as f64 / bound,
        memory,
        setup_seconds,
    };
    if a.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!(
            "{} articles, {} thread(s): {:.1} s, {:.0} articles/s ({} near-duplicates merged, {} stories; window {} articles; setup {:.1} s not counted)",
            report.articles,
            report.threads,
            report.seconds,
            report.articles_per_second,
            report.duplicates_merged,
            report.stories,
            report.window,
            report.setup_seconds
        );
        println!(
            "  CPU: {:.1} s in all, {:.1} s of it in the sequential step: {:.0} articles/s on {} otherwise idle core(s)",
            report.cpu_seconds,
            report.sequential_cpu_seconds,
            report.cpu_bound_articles_per_second,
            report.threads
        );
        for (n, rss, hwm) in &report.memory {
            println!("  after {n:>7} articles: RSS {rss:.0} MiB, peak {hwm:.0} MiB");
        }
    }
    Ok(ExitCode::SUCCESS)
}

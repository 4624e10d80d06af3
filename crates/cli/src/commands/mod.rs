//! The subcommands, one file each.

pub mod bench;
mod clean;
mod digest;
pub mod eval;
mod export;
mod import;
pub mod ingest;
mod search;
mod serve;
mod show;
mod stories;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// storyline: turns raw news articles into traceable story digests.
#[derive(Debug, Parser)]
#[command(name = "storyline", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Digest articles that tell one story: summary with citations, sources, what was dropped.
    Digest(digest::DigestArgs),
    /// Show what cleaning kept and dropped from each input, and why.
    Clean(clean::CleanArgs),
    /// Add articles to a store, incrementally: dedup, clustering, digests.
    Ingest(ingest::IngestArgs),
    /// Load a Ray backfill's output (python -m storyline.ray backfill) into a new store.
    Import(import::ImportArgs),
    /// List stories: of a store (--db), or of the inputs, clustered in one go.
    Stories(stories::StoriesArgs),
    /// Print a stored story's digest.
    Show(show::ShowArgs),
    /// Full-text search over a store's articles.
    Search(search::SearchArgs),
    /// Every stored story with its articles and digest, as JSON lines.
    Export(export::ExportArgs),
    /// The web reader and JSON API over a store (or over inputs, ingested first).
    Serve(serve::ServeArgs),
    /// Throughput benchmarks.
    Bench {
        #[command(subcommand)]
        task: bench::BenchTask,
    },
    /// Benchmark figures: summary quality (ROUGE), extraction, clustering.
    Eval(eval::EvalArgs),
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Digest(a) => digest::run(a),
        Command::Clean(a) => clean::run(a),
        Command::Eval(a) => eval::run(a),
        Command::Ingest(a) => ingest::run(a),
        Command::Import(a) => import::run(a),
        Command::Stories(a) => stories::run(a),
        Command::Show(a) => show::run(a),
        Command::Search(a) => search::run(a),
        Command::Export(a) => export::run(a),
        Command::Serve(a) => serve::run(a),
        Command::Bench { task } => bench::run(&task),
    }
}

/// Whether to colour terminal output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum ColorChoice {
    /// When stdout is a terminal.
    #[default]
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl ColorChoice {
    /// Resolves `auto` against stdout.
    pub fn enabled(self) -> bool {
        use std::io::IsTerminal;
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        }
    }
}

/// Output format of digests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum FormatArg {
    /// Readable text (colour when a terminal).
    #[default]
    Terminal,
    /// Markdown.
    Md,
    /// JSON (stable; schema in docs/digest.schema.json).
    Json,
}

impl From<FormatArg> for storyline_core::render::Format {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Terminal => Self::Terminal,
            FormatArg::Md => Self::Markdown,
            FormatArg::Json => Self::Json,
        }
    }
}

/// Writes to stdout, treating a closed pipe as the reader's choice.
pub fn print(s: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(s.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// The exit code after a run that produced output.
pub fn exit_code(skipped: usize) -> ExitCode {
    if skipped > 0 {
        ExitCode::from(crate::EXIT_SKIPPED)
    } else {
        ExitCode::SUCCESS
    }
}

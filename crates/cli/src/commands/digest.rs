//! `storyline digest PATH...`

use super::{ColorChoice, FormatArg, exit_code, print};
use anyhow::Context;
use std::path::PathBuf;
use std::process::ExitCode;
use storyline_core::digest::{DigestConfig, build_digest};
use storyline_core::summarize::Method;

/// Arguments of `digest`.
#[derive(Debug, clap::Args)]
pub struct DigestArgs {
    /// Article files or folders (plain text: title on the first line). `-` or none: stdin.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t)]
    pub format: FormatArg,
    /// Summary length in words (whole sentences, never over).
    #[arg(long, short, default_value_t = 100)]
    pub words: usize,
    /// Summarization method (lead, centroid, lexrank, textrank, coverage).
    #[arg(long, short, default_value_t = Method::default())]
    pub method: Method,
    /// Colour in terminal output.
    #[arg(long, value_enum, default_value_t)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub read: crate::input::ReadArgs,
}

/// Runs `digest`.
pub fn run(a: DigestArgs) -> anyhow::Result<ExitCode> {
    let loaded = crate::input::load(&a.paths, &a.read);
    loaded.report_skipped();
    let skipped = loaded.skipped.len();
    let cfg = DigestConfig {
        words: a.words,
        method: a.method,
        ..DigestConfig::default()
    };
    let digest = build_digest(loaded.articles, &cfg)
        .context("nothing to digest: every input was skipped")?;
    print(&storyline_core::render::render(
        &digest,
        a.format.into(),
        a.color.enabled(),
    )?)?;
    Ok(exit_code(skipped))
}

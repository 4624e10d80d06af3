//! The subcommands, one file each.

mod eval;

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
    /// Benchmark figures: summary quality (ROUGE) and speed.
    Eval(eval::EvalArgs),
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Eval(a) => eval::run(a),
    }
}

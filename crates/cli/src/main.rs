//! The `storyline` command.

mod commands;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "storyline",
    version,
    about = "Story digests from raw news articles"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Benchmark figures.
    Eval {
        #[command(subcommand)]
        task: commands::eval::EvalTask,
    },
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Eval { task } => commands::eval::run(&task),
    }
}

//! The `storyline` command: story digests from raw news articles.

mod commands;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = commands::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("storyline: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

//! The `storyline` command: story digests from raw news articles.
//!
//! `main` only parses arguments, dispatches to `commands::*`, and turns
//! errors into exit codes (0 ok, 1 failure, 2 usage, 3 done but some inputs
//! were skipped). A closed output pipe is not an error.

mod commands;
mod input;

use clap::Parser;
use std::process::ExitCode;

/// Exit status when the output was produced but some inputs were skipped.
pub const EXIT_SKIPPED: u8 = 3;

fn main() -> ExitCode {
    let cli = commands::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("storyline: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

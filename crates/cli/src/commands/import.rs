//! `storyline import --db FILE DIR`: the Ray backfill's output
//! (`python -m storyline.ray backfill INPUT... --out DIR`) into a new store
//! that `serve`, `stories`, `show` and `export` read. The work is
//! `storyline_store::import`.

use super::ingest::{Progress, print_account};
use anyhow::Context;
use std::path::PathBuf;
use std::process::ExitCode;
use storyline_store::Store;

/// Arguments of `import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The backfill's output folder (its `--out`).
    pub dir: PathBuf,
    /// The store to create (it must not hold articles yet).
    #[arg(long)]
    pub db: PathBuf,
    /// No progress bar and no account.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Runs `import`.
pub fn run(a: ImportArgs) -> anyhow::Result<ExitCode> {
    let context = || format!("importing {} into {}", a.dir.display(), a.db.display());
    // The folder is checked before the store is created.
    let backfill = storyline_store::import::Backfill::open(&a.dir).with_context(context)?;
    let mut store = Store::open(&a.db)?;
    let mut progress = Progress::new(a.quiet);
    let acct = backfill
        .import(&mut store, &mut progress)
        .with_context(context)?;
    progress.finish();
    if !a.quiet {
        print_account(&acct);
    }
    Ok(ExitCode::SUCCESS)
}

//! `storyline ingest PATH... --db FILE`: adds articles to the store,
//! incrementally, with a progress bar and a final account. The work is
//! `storyline_store::ingest`, shared with the server's `POST /api/v1/articles`.

use anyhow::Context;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use storyline_store::Store;
use storyline_store::ingest::{Account, Ingest, IngestConfig, Observer, Skipped, records_with};

/// Arguments of `ingest`.
#[derive(Debug, clap::Args)]
pub struct IngestArgs {
    /// Article files or folders (text, HTML, JSONL, WARC). `-`: stdin.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The store (created if absent).
    #[arg(long)]
    pub db: PathBuf,
    /// Input records per transaction.
    #[arg(long, default_value_t = 500)]
    pub batch: usize,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Digest word budget (saved in a new store; later ingests use the saved one).
    #[arg(long, default_value_t = 100)]
    pub words: usize,
    /// Sliding window in articles (saved in a new store).
    #[arg(long)]
    pub window: Option<usize>,
    /// Clustering threshold (saved in a new store).
    #[arg(long)]
    pub threshold: Option<f64>,
    /// No progress bar and no account.
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub read: crate::input::ReadArgs,
}

impl IngestArgs {
    fn config(&self) -> IngestConfig {
        IngestConfig {
            batch: self.batch,
            words: self.words,
            window: self.window,
            threshold: self.threshold,
        }
    }
}

/// The progress bar and the skipped-input messages on stderr.
pub struct Progress {
    bar: indicatif::ProgressBar,
    quiet: bool,
}

impl Progress {
    /// A spinner on a terminal (nothing when quiet or not a terminal).
    pub fn new(quiet: bool) -> Progress {
        let bar = if quiet || !std::io::stderr().is_terminal() {
            indicatif::ProgressBar::hidden()
        } else {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {elapsed} {msg}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            );
            bar.enable_steady_tick(std::time::Duration::from_millis(200));
            bar
        };
        Progress { bar, quiet }
    }

    /// Clears the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Observer for Progress {
    fn skipped(&mut self, skip: &Skipped) {
        if !self.quiet {
            self.bar
                .suspend(|| eprintln!("storyline: skipped {}", skip.message));
        }
    }

    fn batch(&mut self, acct: &Account, created: usize) {
        let secs = self.bar.elapsed().as_secs_f64().max(1e-3);
        self.bar.set_message(format!(
            "{} records ({:.0}/s), {} added, {} near-duplicates, {} new stories",
            acct.records,
            acct.records as f64 / secs,
            acct.added,
            acct.duplicates,
            created
        ));
    }

    fn digests(&mut self, done: usize, total: usize) {
        self.bar.set_message(format!("{done}/{total} digests"));
    }
}

/// Prints the final account on stderr.
pub fn print_account(acct: &Account) {
    eprintln!(
        "storyline: {} record(s) read: {} article(s) added ({} near-duplicate(s) merged, {} set aside with too little article text or none), {} already in the store, {} skipped",
        acct.records,
        acct.added,
        acct.duplicates,
        acct.set_aside,
        acct.already_stored,
        acct.skipped_total()
    );
    eprintln!(
        "storyline: {} story(ies) created, {} updated, {} digest(s) written",
        acct.stories_created, acct.stories_updated, acct.digests
    );
    for (why, n) in &acct.skipped {
        eprintln!("storyline:   skipped {n}: {why}");
    }
}

/// Runs `ingest`.
pub fn run(a: IngestArgs) -> anyhow::Result<ExitCode> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(a.threads.unwrap_or(0))
        .build()
        .context("starting worker threads")?;
    pool.install(|| {
        let mut store = Store::open(&a.db)?;
        let acct = ingest_paths(&mut store, &a.paths, &a.config(), &a.read, a.quiet)?;
        Ok(super::exit_code(acct.skipped_total()))
    })
}

/// Ingests inputs into an open store with a progress bar, printing the
/// account unless quiet.
pub fn ingest_paths(
    store: &mut Store,
    paths: &[PathBuf],
    cfg: &IngestConfig,
    read: &crate::input::ReadArgs,
    quiet: bool,
) -> anyhow::Result<Account> {
    let mut progress = Progress::new(quiet);
    let mut ingest = Ingest::new(store, cfg)?;
    ingest.run(records_with(paths, read.options()), &mut progress)?;
    progress.bar.set_message("writing digests");
    let acct = ingest.finish(&mut progress)?;
    progress.finish();
    if !quiet {
        print_account(&acct);
    }
    Ok(acct)
}

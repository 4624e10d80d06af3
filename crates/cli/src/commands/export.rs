//! `storyline export --db FILE`: every stored story with its articles and
//! digest, one JSON object per line, for outside tools.

use super::stories::StoryListing;
use crate::store::Store;
use anyhow::Context;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use storyline_core::model::Digest;

/// Arguments of `export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The store.
    #[arg(long)]
    pub db: PathBuf,
    /// Write to this file instead of stdout.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Only stories whose last article is dated on or after this day
    /// (YYYY-MM-DD); undated stories are left out.
    #[arg(long)]
    pub since: Option<chrono::NaiveDate>,
    /// Also export pages set aside for too little article text (flagged
    /// `set_aside`).
    #[arg(long)]
    pub all: bool,
}

/// One exported line: the story as `stories --format json` lists it, and
/// its digest (`docs/digest.schema.json`).
#[derive(serde::Serialize)]
struct ExportedStory {
    #[serde(flatten)]
    story: StoryListing,
    digest: Digest,
}

/// Runs `export`.
pub fn run(a: ExportArgs) -> anyhow::Result<ExitCode> {
    let store = Store::open_existing(&a.db)?;
    let since = a.since.map(|d| d.to_string());
    let rows: Vec<_> = store
        .stories(usize::MAX, a.all)?
        .into_iter()
        .filter(|r| match (&since, &r.last) {
            (None, _) => true,
            (Some(s), Some(last)) => last >= s,
            (Some(_), None) => false,
        })
        .collect();
    let mut out: Box<dyn Write> = match &a.output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let bar = if std::io::stderr().is_terminal() && rows.len() > 100 {
        indicatif::ProgressBar::new(rows.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let (count, mut built) = (rows.len(), 0usize);
    for r in rows {
        let (digest, now) = store.digest_or_build(&r.id)?;
        built += usize::from(now);
        let line = ExportedStory {
            story: StoryListing::of_row(&store, r)?,
            digest,
        };
        let mut json = serde_json::to_vec(&line)?;
        json.push(b'\n');
        if closed_pipe(out.write_all(&json))? {
            return Ok(ExitCode::SUCCESS);
        }
        bar.inc(1);
    }
    if closed_pipe(out.flush())? {
        return Ok(ExitCode::SUCCESS);
    }
    bar.finish_and_clear();
    let built = if built > 0 {
        format!(" ({built} digest(s) built now: not yet written by an interrupted ingest)")
    } else {
        String::new()
    };
    eprintln!("storyline: exported {count} story(ies){built}");
    Ok(ExitCode::SUCCESS)
}

/// Whether a write failed because the reader closed the pipe (`| head`):
/// the reader's choice, not an error. Other failures are errors.
fn closed_pipe(r: std::io::Result<()>) -> anyhow::Result<bool> {
    match r {
        Ok(()) => Ok(false),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(true),
        Err(e) => Err(e).context("writing the export"),
    }
}

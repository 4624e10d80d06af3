//! `storyline export --db FILE`: every stored story with its articles and
//! digest, one JSON object per line, for outside tools.

use super::exit_code;
use super::stories::StoryListing;
use anyhow::Context;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use storyline_core::model::Digest;
use storyline_store::Store;

/// Arguments of `export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The store.
    #[arg(long)]
    pub db: PathBuf,
    /// Write to this file (replaced only once the export is complete)
    /// instead of stdout.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Only stories whose last article was published on or after this day
    /// (YYYY-MM-DD); undated stories are left out.
    #[arg(long)]
    pub since: Option<chrono::NaiveDate>,
    /// Also export pages set aside for too little article text or none
    /// (flagged `set_aside`, with `set_aside_reason`; `"digest": null` where
    /// no article has body text).
    #[arg(long)]
    pub all: bool,
}

/// One exported line: the story as `stories --format json` lists it, and
/// its digest (`docs/digest.schema.json`).
#[derive(serde::Serialize)]
struct ExportedStory {
    #[serde(flatten)]
    story: StoryListing,
    /// `null` for a story none of whose articles has body text (set aside).
    digest: Option<Digest>,
}

/// Runs `export`.
pub fn run(a: ExportArgs) -> anyhow::Result<ExitCode> {
    let store = Store::open_existing(&a.db)?;
    match &a.output {
        Some(path) => {
            anyhow::ensure!(
                !same_file(path, &a.db),
                "{} is the store itself: choose another output file",
                path.display()
            );
            // Written beside the target and renamed at the end, so that a
            // failed export never leaves a cut-off file in its place.
            let partial = partial_path(path);
            let file = std::fs::File::create(&partial)
                .with_context(|| format!("creating {}", partial.display()))?;
            let mut out = std::io::BufWriter::new(file);
            let result = export(&store, &a, &mut out)
                .and_then(|code| out.flush().map(|()| code).map_err(Into::into))
                .with_context(|| format!("writing {}", partial.display()));
            match result {
                Ok(code) => {
                    std::fs::rename(&partial, path).with_context(|| {
                        format!("renaming {} to {}", partial.display(), path.display())
                    })?;
                    Ok(code)
                }
                Err(e) => {
                    let _ = std::fs::remove_file(&partial);
                    Err(e)
                }
            }
        }
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let code = export(&store, &a, &mut out)?;
            out.flush()?;
            Ok(code)
        }
    }
}

/// Writes the stories, one line each, from one snapshot of the store. A
/// story whose digest cannot be read or built is named and skipped.
fn export(store: &Store, a: &ExportArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    store.begin_read()?;
    let since = a.since.map(|d| d.to_string());
    let rows: Vec<_> = store
        .stories(usize::MAX, a.all)?
        .into_iter()
        .filter(|r| match (&since, &r.last) {
            (None, _) => true,
            // ISO dates compare as strings.
            (Some(s), Some(last)) => last >= s,
            (Some(_), None) => false,
        })
        .collect();
    let bar = if std::io::stderr().is_terminal() && rows.len() > 100 {
        indicatif::ProgressBar::new(rows.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let (mut written, mut built, mut skipped) = (0usize, 0usize, 0usize);
    for r in rows {
        let id = r.id.clone();
        let line = super::stories::listing_of_row(store, r).and_then(|story| {
            let digest = store.digest_or_build(&story.id)?.map(|(digest, now)| {
                built += usize::from(now);
                digest
            });
            Ok(ExportedStory { story, digest })
        });
        match line {
            Ok(line) => {
                let mut json = serde_json::to_vec(&line)?;
                json.push(b'\n');
                out.write_all(&json)?;
                written += 1;
            }
            Err(e) => {
                bar.suspend(|| eprintln!("storyline: skipped story {id}: {e:#}"));
                skipped += 1;
            }
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    store.end_read()?;
    let built = if built > 0 {
        format!(
            " ({built} digest(s) built now: missing or out of date after an interrupted ingest)"
        )
    } else {
        String::new()
    };
    let skipped_note = if skipped > 0 {
        format!(", {skipped} skipped")
    } else {
        String::new()
    };
    eprintln!("storyline: exported {written} story(ies){built}{skipped_note}");
    Ok(exit_code(skipped))
}

/// `out.jsonl` → `out.jsonl.partial`.
fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    path.with_file_name(name)
}

/// Whether two paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

//! Reading the inputs of a command: files, folders and stdin, with every
//! skipped input reported (named, with the reason) and counted.

use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::PathBuf;
use storyline_core::clean::clean;
use storyline_core::ingest::{
    Extractor, IngestOptions, RawDoc, expand_paths, read_path_with, read_reader,
};
use storyline_core::model::Article;

/// What was read: the articles, and what was skipped and why.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Cleaned articles, in input order.
    pub articles: Vec<Article>,
    /// Skipped inputs: (name, reason).
    pub skipped: Vec<(String, String)>,
}

impl Loaded {
    /// Prints the skipped inputs to stderr.
    pub fn report_skipped(&self) {
        for (name, why) in &self.skipped {
            // Library errors already start with the file (and record) they name.
            if name.is_empty() || why.starts_with(name.as_str()) {
                eprintln!("storyline: skipped {why}");
            } else {
                eprintln!("storyline: skipped {name}: {why}");
            }
        }
        if !self.skipped.is_empty() {
            eprintln!(
                "storyline: {} input(s) skipped, {} article(s) used",
                self.skipped.len(),
                self.articles.len()
            );
        }
    }
}

/// How the reading commands (`clean`, `digest`, `stories PATH...`,
/// `ingest`, `serve PATH...`) read their inputs.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ReadArgs {
    /// HTML main-content extractor: auto (the default: storyline's density
    /// extractor, with Readability, and rs-trafilatura where they disagree,
    /// on pages where its container grew), readability, trafilatura or
    /// density (storyline's own alone, the fastest).
    /// Without it, the STORYLINE_EXTRACTOR environment variable, if set.
    #[arg(long, value_name = "NAME")]
    pub extractor: Option<Extractor>,
}

impl ReadArgs {
    /// The ingest options: the defaults, with the extractor of `--extractor`,
    /// else of `STORYLINE_EXTRACTOR` when it is set and names one.
    pub fn options(&self) -> IngestOptions {
        let mut opts = IngestOptions::default();
        if let Some(ex) = self.extractor {
            opts.extractor = ex;
        } else if let Ok(name) = std::env::var("STORYLINE_EXTRACTOR") {
            match name.parse() {
                Ok(ex) => opts.extractor = ex,
                Err(e) => eprintln!("storyline: STORYLINE_EXTRACTOR ignored: {e}"),
            }
        }
        opts
    }
}

/// Reads raw documents from paths (`-` or no path: stdin when it is not a terminal).
pub fn read_raw(paths: &[PathBuf], opts: &IngestOptions) -> (Vec<RawDoc>, Vec<(String, String)>) {
    let mut docs = Vec::new();
    let mut skipped = Vec::new();
    let use_stdin = paths.is_empty() || paths.iter().any(|p| p.as_os_str() == "-");
    if use_stdin {
        if paths.is_empty() && std::io::stdin().is_terminal() {
            skipped.push((
                "<stdin>".to_string(),
                "no input paths given and stdin is a terminal".to_string(),
            ));
        } else {
            // Sniffed like a file: plain text, HTML, JSONL or WARC, gzipped or not.
            for r in read_reader("<stdin>", std::io::stdin(), opts) {
                match r {
                    Ok(d) => docs.push(d),
                    Err(e) => skipped.push(("<stdin>".to_string(), e.to_string())),
                }
            }
        }
    }
    let files: Vec<PathBuf> = paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    // Files are read (HTML pages extracted) in parallel, kept in input order.
    let read: Vec<_> = expand_paths(&files)
        .into_par_iter()
        .map(|f| f.map(|path| (read_path_with(&path, opts).collect::<Vec<_>>(), path)))
        .collect();
    for f in read {
        match f {
            Err(e) => skipped.push((String::new(), e.to_string())),
            Ok((results, path)) => {
                for r in results {
                    match r {
                        Ok(d) => docs.push(d),
                        Err(e) => skipped.push((path.display().to_string(), e.to_string())),
                    }
                }
            }
        }
    }
    (docs, skipped)
}

/// Reads and cleans (in parallel) every input.
pub fn load(paths: &[PathBuf], read: &ReadArgs) -> Loaded {
    let (docs, mut skipped) = read_raw(paths, &read.options());
    let cleaned: Vec<Article> = docs.par_iter().map(clean).collect();
    let mut articles = Vec::with_capacity(cleaned.len());
    for a in cleaned {
        if a.body.trim().is_empty() {
            skipped.push((
                a.path.clone(),
                "no body text left after cleaning".to_string(),
            ));
        } else {
            articles.push(a);
        }
    }
    Loaded { articles, skipped }
}

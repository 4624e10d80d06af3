//! The store's errors.

use std::path::PathBuf;

/// What can go wrong reading or writing a store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The store file could not be opened or created.
    #[error("opening store {path}: {source}")]
    Open {
        /// The file.
        path: PathBuf,
        /// SQLite's error.
        #[source]
        source: rusqlite::Error,
    },
    /// `open_existing` on a path with no file.
    #[error("no store at {0}")]
    Missing(PathBuf),
    /// The store was written by a newer build.
    #[error("migrating the store: {0}")]
    Migrate(#[source] rusqlite::Error),
    /// A query failed.
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    /// A full-text query SQLite could not parse (FTS5 syntax).
    #[error("bad search query {query:?}: {source}")]
    BadQuery {
        /// The query.
        query: String,
        /// SQLite's message.
        #[source]
        source: rusqlite::Error,
    },
    /// A JSON column could not be read or written.
    #[error("{what}: {source}")]
    Json {
        /// Which column or value.
        what: &'static str,
        /// serde_json's error.
        #[source]
        source: serde_json::Error,
    },
    /// A digest could not be built.
    #[error("story {story}: {source}")]
    Digest {
        /// The story.
        story: String,
        /// The pipeline's error.
        #[source]
        source: storyline_core::Error,
    },
    /// A backfill's output could not be imported.
    #[cfg(feature = "import")]
    #[error("{path}: {message}")]
    Import {
        /// The file or folder.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
}

/// The store's result type.
pub type Result<T> = std::result::Result<T, Error>;

/// Wraps a serde_json error with the value it concerned.
pub(crate) fn json(what: &'static str) -> impl FnOnce(serde_json::Error) -> Error {
    move |source| Error::Json { what, source }
}

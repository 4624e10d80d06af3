//! storyline's store: a SQLite file holding articles, their sentences,
//! stories, digests, the stream's window and a full-text index, and the
//! ingest that fills it. The `storyline` binary and the web server both
//! read and write stores through this crate, so that `storyline ingest`
//! and `POST /api/v1/articles` take the same path.
//!
//! - [`Store`]: open, write a batch, read stories, articles, digests, search.
//! - [`ingest`]: input records → batches → the store, with an [`ingest::Account`].
//! - `import` (feature `import`): the Parquet output of the Ray backfill
//!   (`python -m storyline.ray backfill`) into a new store.

mod error;
#[cfg(feature = "import")]
pub mod import;
pub mod ingest;
mod schema;
mod store;

pub use error::{Error, Result};
pub use store::{
    ArticlePage, ArticleRow, ListedArticle, SearchHit, Store, StoredSentence, StoryCursor,
    StoryFilter, StoryRow,
};

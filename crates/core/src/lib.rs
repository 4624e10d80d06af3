//! storyline-core: turns raw news articles into traceable story digests.
//!
//! Data flows one way through the stages, each a module:
//! `ingest` → `clean` → `text` → `dedup` → `cluster` → `analyze` + `summarize` → `render`.
//! [`stream`] chains `dedup` and `cluster` over an endless stream of articles.
#![warn(missing_docs)]

pub mod analyze;
pub mod clean;
pub mod cluster;
pub mod dedup;
pub mod digest;
pub mod error;
pub mod eval;
pub mod ingest;
pub mod model;
pub mod render;
pub mod stream;
pub mod summarize;
pub mod text;

pub use error::{Error, Result};

//! The `dedup` stage: near-duplicate sentences across the articles of a
//! story (wire copy reused with small edits). Whole-article near-duplicates
//! in a stream use MinHash/LSH (see `minhash` when present).
//!
//! Duplicates are evidence of agreement, not noise: every member of a group
//! is kept, and the group tells which articles carry a sentence.

mod sentences;

pub use sentences::{DedupConfig, SentenceGroups, near_duplicate_sentences, similarity};

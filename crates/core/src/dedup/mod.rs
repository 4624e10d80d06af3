//! The `dedup` stage: near-duplicate sentences across the articles of a
//! story (wire copy reused with small edits), and near-duplicate whole
//! articles in a stream (MinHash/LSH, [`minhash`]).
//!
//! Duplicates are evidence of agreement, not noise: every member of a group
//! is kept, and the group tells which articles carry a sentence.

pub mod minhash;
mod sentences;

pub use minhash::{MinHashConfig, MinHasher, NearDupIndex, NearDuplicate, Signature};
pub use sentences::{
    DedupConfig, SentenceGroups, near_duplicate_sentences, similarity, sorted_similarity,
};

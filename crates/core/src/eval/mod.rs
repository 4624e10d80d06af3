//! The `eval` stage: benchmark metrics and loaders for the data sets.

pub mod cluster;
pub mod extract;

//! The `eval` stage: benchmark metrics and loaders for the data sets.

pub mod extract;

//! The `eval` stage: benchmark metrics and data set loaders.

pub mod cluster;

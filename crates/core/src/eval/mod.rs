//! The `eval` stage: benchmark metrics (ROUGE, checked against ROUGE-1.5.5
//! and `rouge-score`; extraction F1) and loaders for the data sets.

pub mod datasets;
pub mod extract;
pub mod porter;
pub mod rouge;
pub mod summaries;

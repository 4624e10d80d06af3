//! The `eval` stage: ROUGE (checked against ROUGE-1.5.5 and `rouge-score`),
//! clustering metrics (B-cubed, pairwise F1) and loaders for the evaluation
//! data sets.

pub mod cluster;
pub mod datasets;
pub mod extract;
pub mod porter;
pub mod rouge;
pub mod summaries;

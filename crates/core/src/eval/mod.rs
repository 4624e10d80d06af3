//! The `eval` stage: ROUGE (checked against ROUGE-1.5.5 and `rouge-score`)
//! and loaders for the evaluation data sets.

pub mod datasets;
pub mod extract;
pub mod porter;
pub mod rouge;
pub mod summaries;

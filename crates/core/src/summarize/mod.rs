//! The `summarize` stage.

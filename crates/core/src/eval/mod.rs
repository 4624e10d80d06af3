//! The `eval` stage.

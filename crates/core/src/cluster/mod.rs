//! The `cluster` stage.

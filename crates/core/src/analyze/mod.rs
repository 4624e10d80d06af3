//! The `analyze` stage.

//! The `text` stage.

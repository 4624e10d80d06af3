//! The `clean` stage.

//! The `ingest` stage.

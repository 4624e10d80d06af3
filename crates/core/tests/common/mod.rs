//! Shared helpers for the integration tests: the bundled example and its gold file.
#![allow(dead_code)]

use std::path::PathBuf;
use storyline_core::ingest::{RawDoc, read_text_file};
use storyline_core::model::Article;

/// The bundled example folder.
pub fn example_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/iraq-2020-01-10")
}

/// The gold file as JSON.
pub fn gold() -> serde_json::Value {
    let text =
        std::fs::read_to_string(example_dir().join("gold.json")).expect("gold.json is bundled");
    serde_json::from_str(&text).expect("gold.json parses")
}

/// Article keys in gold order ("000", "002", "003") with their file names.
pub fn gold_articles() -> Vec<(String, String)> {
    let g = gold();
    let mut v: Vec<(String, String)> = g["articles"]
        .as_object()
        .expect("articles")
        .iter()
        .map(|(k, a)| (k.clone(), a["file"].as_str().expect("file").to_string()))
        .collect();
    v.sort();
    v
}

/// Reads one example file.
pub fn raw(file: &str) -> RawDoc {
    read_text_file(&example_dir().join(file)).expect("example file reads")
}

/// Cleans all example files, in gold order.
pub fn cleaned() -> Vec<(String, Article)> {
    gold_articles()
        .into_iter()
        .map(|(k, f)| (k, storyline_core::clean::clean(&raw(&f))))
        .collect()
}

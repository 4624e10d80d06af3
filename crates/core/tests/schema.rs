//! docs/digest.schema.json is generated from the model types (their doc
//! comments are its descriptions), so it cannot drift from the code. Run
//! with `UPDATE_SCHEMA=1` to rewrite it after changing the model.

use std::path::PathBuf;
use storyline_core::model::Digest;

#[test]
fn digest_schema_file_is_up_to_date() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/digest.schema.json");
    let schema = schemars::schema_for!(Digest);
    let text = serde_json::to_string_pretty(&schema).unwrap() + "\n";
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "docs/digest.schema.json is stale: run `UPDATE_SCHEMA=1 cargo test -p storyline-core --test schema`"
    );
}

#[test]
fn the_example_digest_validates_against_its_schema_shape() {
    // Every top-level required property of the schema is present in a real digest.
    let schema = serde_json::to_value(schemars::schema_for!(Digest)).unwrap();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/iraq-2020-01-10");
    let articles: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| storyline_core::clean::clean(&storyline_core::ingest::read_text_file(&p).unwrap()))
        .collect();
    let d = storyline_core::digest::build_digest(articles, &Default::default()).unwrap();
    let v = serde_json::to_value(&d).unwrap();
    for req in schema["required"].as_array().unwrap() {
        assert!(v.get(req.as_str().unwrap()).is_some(), "missing {req}");
    }
}

//! The whole digest path on small inputs: the bytes are split into up to
//! four articles at NUL bytes, each cleaned, then a digest is built.
#![no_main]

use libfuzzer_sys::fuzz_target;
use storyline_core::clean::clean;
use storyline_core::digest::{DigestConfig, build_digest};
use storyline_core::ingest::RawDoc;

fuzz_target!(|data: &[u8]| {
    if data.len() > 16 * 1024 {
        return;
    }
    let articles: Vec<_> = data
        .split(|&b| b == 0)
        .take(4)
        .enumerate()
        .map(|(i, part)| {
            let text = String::from_utf8_lossy(part);
            clean(&RawDoc::text(format!("a{i}.txt"), text.as_ref()))
        })
        .collect();
    let cfg = DigestConfig {
        words: 60,
        ..DigestConfig::default()
    };
    if let Ok(d) = build_digest(articles, &cfg) {
        assert!(d.summary.len() <= 60);
    }
});

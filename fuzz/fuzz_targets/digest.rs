//! The whole digest path on small inputs: the bytes are split into up to
//! four articles at NUL bytes, each cleaned, then a digest is built; its
//! summary's left-out spans are checked against the cited sentences.
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
        // Compression only leaves words out, and says which: the dropped
        // spans lie in the cited sentence, sorted, disjoint, on character
        // boundaries, and the shown text is the sentence without them.
        for s in &d.summary {
            let Some(source) = s.citations.first().map(|c| c.text.as_str()) else {
                assert!(s.dropped.is_empty());
                continue;
            };
            let mut at = 0;
            for sp in &s.dropped {
                assert!(at <= sp.start && sp.start < sp.end && sp.end <= source.len());
                assert!(source.is_char_boundary(sp.start) && source.is_char_boundary(sp.end));
                at = sp.end;
            }
            assert_eq!(
                s.text,
                storyline_core::summarize::compress::apply(source, &s.dropped)
            );
            let shown = storyline_core::render::summary_text(s);
            assert_eq!(shown.contains('…'), !s.dropped.is_empty() || s.text.contains('…'));
        }
    }
});

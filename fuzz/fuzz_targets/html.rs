//! HTML pages: charset detection, the nesting guard, parsing, both
//! main-content extractors, meta tags and JSON-LD. The first byte picks the
//! extractor and whether an HTTP charset and URL are given.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use storyline_core::ingest::html::html_doc;

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let charset = match (sel >> 1) % 4 {
        0 => None,
        1 => Some("iso-8859-1"),
        2 => Some("shift_jis"),
        _ => Some("utf-16"),
    };
    let url = (sel & 0x10 != 0).then_some("https://news.example/a/b?c=1");
    match html_doc(common::NAME, rest, url, charset, common::extractor(sel)) {
        Ok(d) => assert!(!d.text.trim().is_empty()),
        Err(e) => assert!(e.to_string().contains(common::NAME)),
    }
});

//! The cleaner on any text: it must not panic, and every kept paragraph
//! must be the input's own bytes at its recorded offset.
#![no_main]

use libfuzzer_sys::fuzz_target;
use storyline_core::clean::clean;
use storyline_core::ingest::RawDoc;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let raw = RawDoc::text("fuzz.txt", text.as_ref());
    let a = clean(&raw);
    for p in &a.paragraphs {
        let body = a.paragraph_text(p);
        let off = p.source_offset.expect("plain text keeps offsets");
        assert_eq!(text.get(off..off + body.len()), Some(body));
    }
});

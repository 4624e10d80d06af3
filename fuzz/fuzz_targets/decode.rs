//! Byte decoding: byte-order marks, UTF-8, Windows-1252, declared charsets.
#![no_main]

use libfuzzer_sys::fuzz_target;
use storyline_core::ingest::{decode_bytes, decode_html};

fuzz_target!(|data: &[u8]| {
    if let Ok(d) = decode_bytes(data) {
        assert!(!d.text.trim().is_empty());
        // Valid UTF-8 without a byte-order mark comes back unchanged.
        if d.how.is_none() && !data.starts_with(b"\xEF\xBB\xBF") {
            assert_eq!(d.text.as_bytes(), data);
        }
    }
    let _ = decode_html(data, None);
    let _ = decode_html(data, Some("windows-1251"));
});

//! Shared checks for the fuzz targets.
#![allow(dead_code)]

use storyline_core::ingest::{DocIter, Extractor, IngestOptions, InputFormat, RawDoc, read_reader};

/// The name every input is read under: every error must name it.
pub const NAME: &str = "fuzz-input";

/// The record cap used while fuzzing: small, so that the limits are hit.
pub const MAX_RECORD: usize = 64 * 1024;

/// Options for reading `format` with `extractor`.
pub fn opts(format: Option<InputFormat>, extractor: Extractor) -> IngestOptions {
    IngestOptions {
        max_record_bytes: MAX_RECORD,
        extractor,
        format,
        ..IngestOptions::default()
    }
}

/// The extractor a selector byte picks.
pub fn extractor(b: u8) -> Extractor {
    Extractor::ALL[usize::from(b) % Extractor::ALL.len()]
}

/// Reads `data` as a stream and checks every item: an error names the
/// input, a document has text, and the number of items stays within what
/// the bytes can hold (each record or line costs at least one byte).
pub fn read_all(data: &[u8], opts: &IngestOptions) -> Vec<RawDoc> {
    let docs: DocIter = read_reader(NAME, std::io::Cursor::new(data.to_vec()), opts);
    let mut out = Vec::new();
    for (n, r) in docs.enumerate() {
        assert!(n <= data.len() + 1, "more items than input bytes");
        match r {
            Ok(d) => {
                assert!(!d.text.trim().is_empty(), "a document without text");
                out.push(d);
            }
            Err(e) => {
                let msg = e.to_string();
                assert!(msg.contains(NAME), "error does not name the input: {msg}");
            }
        }
    }
    out
}

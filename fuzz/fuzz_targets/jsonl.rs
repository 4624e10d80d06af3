//! The JSONL reader: lines, JSON, field mapping, dates, embedded HTML.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use storyline_core::ingest::InputFormat;

fuzz_target!(|data: &[u8]| {
    let opts = common::opts(
        Some(InputFormat::Jsonl),
        common::extractor(data.len() as u8),
    );
    for d in common::read_all(data, &opts) {
        assert!(d.path.starts_with(common::NAME));
    }
});

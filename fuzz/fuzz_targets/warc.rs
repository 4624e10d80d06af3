//! The WARC reader (plain or per-record gzip), HTTP parsing, chunked and
//! gzip / deflate bodies, and the HTML or text of each record.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use storyline_core::ingest::InputFormat;

fuzz_target!(|data: &[u8]| {
    let opts = common::opts(Some(InputFormat::Warc), common::extractor(data.len() as u8));
    common::read_all(data, &opts);
});

//! `read_reader` on any bytes: gzip detection, format sniffing (or a forced
//! format), then the reader of that format.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use storyline_core::ingest::InputFormat;

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let format = match sel % 5 {
        0 => None,
        1 => Some(InputFormat::Text),
        2 => Some(InputFormat::Html),
        3 => Some(InputFormat::Jsonl),
        _ => Some(InputFormat::Warc),
    };
    let _ = InputFormat::sniff(rest);
    common::read_all(rest, &common::opts(format, common::extractor(sel / 5)));
});

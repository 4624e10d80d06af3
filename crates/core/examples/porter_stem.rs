//! Stems words read from standard input, one per line, with a Porter variant
//! (`rouge155`, `nltk`, `martin` or `original`): used by
//! `scripts/check_rouge.py` to compare with the reference stemmers.
use std::io::{BufRead, Write};

use storyline_core::eval::porter::{PorterVariant, stem};

fn main() {
    let variant = match std::env::args().nth(1).as_deref() {
        Some("rouge155") => PorterVariant::Rouge155,
        Some("martin") => PorterVariant::Martin,
        Some("original") => PorterVariant::Original,
        _ => PorterVariant::Nltk,
    };
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout());
    for line in stdin.lock().lines().map_while(Result::ok) {
        let _ = writeln!(out, "{}", stem(line.trim(), variant));
    }
}

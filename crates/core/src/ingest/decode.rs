//! Turning bytes into text: UTF-8 first, then the encodings web text
//! actually arrives in, and a clear refusal for binary data.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Text decoded from bytes, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// `None` for clean UTF-8; otherwise what was done ("windows-1252",
    /// "utf-16le", "utf-8 with 3 invalid sequences replaced").
    pub how: Option<String>,
}

/// Why bytes could not be decoded as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Nothing but whitespace.
    Empty,
    /// Looks like binary data (NUL bytes or many control characters).
    Binary,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "empty input (no text)"),
            DecodeError::Binary => write!(f, "binary data, not text (NUL or control bytes)"),
        }
    }
}

/// Decodes bytes as text.
///
/// Order: a byte-order mark decides (UTF-8, UTF-16); valid UTF-8 is taken
/// as is; binary data (NUL bytes, or over 10% control characters in the
/// first 8 KiB) is refused; otherwise, if at most one in a thousand bytes
/// are broken UTF-8 sequences the text is UTF-8 with those replaced, else it
/// is decoded as Windows-1252 (the superset of Latin-1 that browsers use for
/// "latin1" pages).
pub fn decode_bytes(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        let how = if enc == UTF_8 {
            None
        } else if enc == UTF_16LE {
            Some("utf-16le (byte-order mark)".to_string())
        } else if enc == UTF_16BE {
            Some("utf-16be (byte-order mark)".to_string())
        } else {
            Some(enc.name().to_lowercase())
        };
        return finish(text.into_owned(), how);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        if looks_binary(bytes) {
            return Err(DecodeError::Binary);
        }
        return finish(s.to_string(), None);
    }
    if looks_binary(bytes) {
        return Err(DecodeError::Binary);
    }
    let invalid = count_invalid_utf8(bytes);
    if invalid * 1000 <= bytes.len() {
        let text = String::from_utf8_lossy(bytes).into_owned();
        return finish(
            text,
            Some(format!(
                "utf-8 with {invalid} invalid byte sequence(s) replaced by U+FFFD"
            )),
        );
    }
    let (text, _, _) = WINDOWS_1252.decode(bytes);
    finish(
        text.into_owned(),
        Some("windows-1252 (not valid UTF-8)".to_string()),
    )
}

fn finish(text: String, how: Option<String>) -> Result<Decoded, DecodeError> {
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(Decoded { text, how })
}

fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    control * 10 > head.len()
}

fn count_invalid_utf8(mut bytes: &[u8]) -> usize {
    let mut n = 0;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(_) => return n,
            Err(e) => {
                n += 1;
                let skip = e.valid_up_to() + e.error_len().unwrap_or(bytes.len() - e.valid_up_to());
                bytes = &bytes[skip.min(bytes.len())..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through() {
        let d = decode_bytes("Café au lait.".as_bytes()).unwrap();
        assert_eq!(d.text, "Café au lait.");
        assert_eq!(d.how, None);
    }

    #[test]
    fn latin1_is_decoded_and_said() {
        let bytes = b"Caf\xe9 in M\xfcnchen, \xa35 each.";
        let d = decode_bytes(bytes).unwrap();
        assert_eq!(d.text, "Café in München, £5 each.");
        assert!(d.how.unwrap().contains("windows-1252"));
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Hi there.".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode_bytes(&bytes).unwrap();
        assert_eq!(d.text, "Hi there.");
        assert!(d.how.unwrap().contains("utf-16le"));
    }

    #[test]
    fn binary_and_empty_are_refused() {
        assert_eq!(
            decode_bytes(b"\x7fELF\x02\x01\x01\0\0\0"),
            Err(DecodeError::Binary)
        );
        assert_eq!(decode_bytes(b"  \n\t\n"), Err(DecodeError::Empty));
        assert_eq!(decode_bytes(b""), Err(DecodeError::Empty));
    }

    #[test]
    fn a_stray_bad_byte_in_long_utf8_is_replaced() {
        let mut bytes = "word ".repeat(400).into_bytes();
        bytes.push(0xC3);
        bytes.extend_from_slice(b" end.");
        let d = decode_bytes(&bytes).unwrap();
        assert!(d.text.contains('\u{FFFD}'));
        assert!(d.how.unwrap().contains("1 invalid"));
    }

    proptest::proptest! {
        #[test]
        fn never_panics(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..2000)) {
            let _ = decode_bytes(&bytes);
        }
    }
}

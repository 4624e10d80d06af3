//! Gzip streams of several members (per-record `.warc.gz`, concatenated
//! `.jsonl.gz`), read so that a corrupt member costs that member only.
//!
//! flate2's `MultiGzDecoder` stops at the first corrupt member and the rest
//! of the file is lost. [`GzMembers`] decodes one member at a time with
//! flate2's `bufread::GzDecoder` (which consumes exactly one member), and
//! after a corrupt one it moves on to the next member header, returning one
//! error marked [`is_skipped_member`] so that readers can report it and go
//! on.

use std::io::{self, BufRead, Read};

/// The gzip member magic and deflate method byte.
const MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

/// The error payload for a skipped member.
#[derive(Debug)]
struct SkippedMember(String);

impl std::fmt::Display for SkippedMember {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::error::Error for SkippedMember {}

/// Whether a read error came from a corrupt gzip member that was skipped,
/// so that reading can go on with the next member.
pub(crate) fn is_skipped_member(e: &io::Error) -> bool {
    e.get_ref().is_some_and(|x| x.is::<SkippedMember>())
}

enum State<R: BufRead> {
    Between(R),
    /// A member being decoded, and whether it has given any bytes yet
    /// (boxed: the inflate state is tens of kilobytes, and the state is
    /// moved on every read).
    Member(Box<flate2::bufread::GzDecoder<R>>, bool),
    Done,
}

/// Reads the members of a gzip stream one after another.
pub(crate) struct GzMembers<R: BufRead> {
    state: State<R>,
}

impl<R: BufRead> GzMembers<R> {
    pub(crate) fn new(r: R) -> Self {
        GzMembers {
            state: State::Between(r),
        }
    }
}

/// Consumes bytes up to the next gzip member header (not consuming it);
/// false when the input ends first. `skip_first` skips the first byte, so
/// that a header that failed to parse is not found again.
fn skip_to_member<R: BufRead>(r: &mut R, skip_first: bool) -> io::Result<bool> {
    let mut first = skip_first;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(false);
        }
        let from = usize::from(first);
        first = false;
        if let Some(i) = memchr::memmem::find(&buf[from.min(buf.len())..], &MAGIC) {
            r.consume(from + i);
            return Ok(true);
        }
        // A header split across two buffer fills is missed (BufReader cannot
        // look ahead); that member is then skipped too, which is rare (about
        // 2 in 65,536 resyncs) and loses no more than the member.
        let n = buf.len();
        r.consume(n);
    }
}

impl<R: BufRead> Read for GzMembers<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return Ok(0),
                State::Between(mut r) => match r.fill_buf() {
                    Ok([]) => return Ok(0),
                    Ok(_) => {
                        self.state =
                            State::Member(Box::new(flate2::bufread::GzDecoder::new(r)), false)
                    }
                    Err(e) => {
                        self.state = State::Between(r);
                        return Err(e);
                    }
                },
                State::Member(mut d, produced) => match d.read(buf) {
                    Ok(0) => self.state = State::Between((*d).into_inner()),
                    Ok(n) => {
                        self.state = State::Member(d, true);
                        return Ok(n);
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                        self.state = State::Member(d, produced);
                    }
                    Err(e) => {
                        // A member that gave bytes had a good header, and a
                        // checksum error comes after its trailer: the next
                        // member may start right here. One that gave nothing
                        // may have failed in its header: step past it.
                        let mut r = (*d).into_inner();
                        let more = skip_to_member(&mut r, !produced).unwrap_or(false);
                        let what = if more {
                            format!("corrupt gzip member skipped ({e})")
                        } else {
                            format!("gzip data ends early or is corrupt ({e})")
                        };
                        if more {
                            self.state = State::Between(r);
                        }
                        return Err(io::Error::new(e.kind(), SkippedMember(what)));
                    }
                },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    /// Reads everything, collecting the text and the errors.
    fn drain(data: &[u8]) -> (String, usize) {
        let mut r = GzMembers::new(io::BufReader::with_capacity(16, data));
        let (mut out, mut errors) = (Vec::new(), 0);
        let mut buf = [0u8; 7];
        loop {
            match r.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => out.extend_from_slice(&buf[..n]),
                Err(e) => {
                    assert!(is_skipped_member(&e));
                    errors += 1;
                    assert!(errors < 100);
                }
            }
        }
        (String::from_utf8_lossy(&out).into_owned(), errors)
    }

    #[test]
    fn members_are_read_in_order() {
        let data = [gz(b"one "), gz(b"two "), gz(b"three")].concat();
        assert_eq!(drain(&data), ("one two three".to_string(), 0));
    }

    #[test]
    fn a_corrupt_member_is_skipped_and_the_next_read() {
        let mut bad = gz(b"second member with some text in it");
        let mid = bad.len() / 2;
        for b in &mut bad[12..mid] {
            *b ^= 0x5a;
        }
        let data = [gz(b"first "), bad, gz(b"third")].concat();
        let (text, errors) = drain(&data);
        assert!(text.starts_with("first "), "{text}");
        assert!(text.ends_with("third"), "{text}");
        assert!(errors >= 1);
    }

    #[test]
    fn a_bad_checksum_loses_no_following_member() {
        let mut second = gz(b"second ");
        let n = second.len();
        second[n - 8] ^= 0xff; // CRC32 in the trailer
        let data = [gz(b"first "), second, gz(b"third")].concat();
        let (text, errors) = drain(&data);
        assert_eq!(text, "first second third");
        assert_eq!(errors, 1);
    }

    #[test]
    fn truncation_is_one_error_at_the_end() {
        let data = [gz(b"first "), gz(b"second")].concat();
        let (text, errors) = drain(&data[..data.len() - 5]);
        assert!(text.starts_with("first "), "{text}");
        assert_eq!(errors, 1);
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_never_panic_or_loop(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..600)) {
            let _ = drain(&bytes);
            let mut framed = gz(b"head ");
            framed.extend_from_slice(&bytes);
            let _ = drain(&framed);
        }
    }
}

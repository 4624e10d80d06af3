//! Bounded reading: lines and whole inputs with a cap, so one oversized
//! record costs a clear error instead of all the memory.

use std::io::{self, BufRead, Read};

/// One line read by [`read_line_capped`].
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Line {
    /// The line's bytes, without the line ending; the buffer passed in holds them.
    Fits,
    /// The line was longer than the cap; its bytes were skipped, not kept.
    TooLong,
}

/// Reads one line (up to and excluding `\n`, and a `\r` before it) into
/// `buf`, keeping at most `cap` bytes: a longer line is consumed and
/// reported as [`Line::TooLong`] with `buf` left empty. `Ok(None)` at the
/// end of input.
pub(crate) fn read_line_capped<R: BufRead + ?Sized>(
    r: &mut R,
    buf: &mut Vec<u8>,
    cap: usize,
) -> io::Result<Option<Line>> {
    buf.clear();
    let mut seen = 0usize;
    let mut too_long = false;
    loop {
        let avail = match r.fill_buf() {
            Ok(a) => a,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            if seen == 0 {
                return Ok(None);
            }
            break;
        }
        let (take, done) = match memchr::memchr(b'\n', avail) {
            Some(i) => (i + 1, true),
            None => (avail.len(), false),
        };
        seen += take;
        if !too_long {
            if buf.len() + take > cap.saturating_add(2) {
                too_long = true;
                buf.clear();
                buf.shrink_to(cap.min(1 << 16));
            } else {
                buf.extend_from_slice(&avail[..take]);
            }
        }
        r.consume(take);
        if done {
            break;
        }
    }
    if too_long {
        return Ok(Some(Line::TooLong));
    }
    if buf.last() == Some(&b'\n') {
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
    }
    if buf.len() > cap {
        buf.clear();
        return Ok(Some(Line::TooLong));
    }
    Ok(Some(Line::Fits))
}

/// Reads a whole input, refusing one longer than `cap` bytes (`Ok(None)`)
/// after reading at most `cap + 1` of them.
pub(crate) fn read_all_capped<R: Read + ?Sized>(
    r: &mut R,
    cap: usize,
) -> io::Result<Option<Vec<u8>>> {
    let mut out = Vec::new();
    r.take(cap as u64 + 1).read_to_end(&mut out)?;
    Ok((out.len() <= cap).then_some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_capped_and_the_rest_still_read() {
        let mut data = b"short\r\n".to_vec();
        data.extend(std::iter::repeat_n(b'x', 100_000));
        data.extend_from_slice(b"\nlast");
        let mut r = io::BufReader::with_capacity(64, &data[..]);
        let mut buf = Vec::new();
        assert_eq!(
            read_line_capped(&mut r, &mut buf, 1000).unwrap(),
            Some(Line::Fits)
        );
        assert_eq!(buf, b"short");
        assert_eq!(
            read_line_capped(&mut r, &mut buf, 1000).unwrap(),
            Some(Line::TooLong)
        );
        assert!(buf.capacity() <= 1 << 16);
        assert_eq!(
            read_line_capped(&mut r, &mut buf, 1000).unwrap(),
            Some(Line::Fits)
        );
        assert_eq!(buf, b"last");
        assert_eq!(read_line_capped(&mut r, &mut buf, 1000).unwrap(), None);
    }

    #[test]
    fn a_line_of_exactly_the_cap_fits() {
        let data = b"abcd\nabcde\n";
        let mut r = &data[..];
        let mut buf = Vec::new();
        assert_eq!(
            read_line_capped(&mut r, &mut buf, 4).unwrap(),
            Some(Line::Fits)
        );
        assert_eq!(
            read_line_capped(&mut r, &mut buf, 4).unwrap(),
            Some(Line::TooLong)
        );
    }

    #[test]
    fn whole_inputs_are_capped() {
        assert_eq!(
            read_all_capped(&mut &b"abc"[..], 3).unwrap(),
            Some(b"abc".to_vec())
        );
        assert_eq!(read_all_capped(&mut &b"abcd"[..], 3).unwrap(), None);
    }
}

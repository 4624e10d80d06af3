//! WARC 1.0 / 1.1 archives: HTML responses become articles.
//!
//! The record parser is written here rather than taken from the `warc`
//! crate (0.4) because that crate reads header lines and bodies with
//! unbounded `read_until`, so one broken or huge record can take all the
//! memory, and it cannot resume after a bad record. Here every header line,
//! header block and kept body is capped, bodies we do not keep are skipped
//! without being stored, and a bad record costs one error naming the file
//! and record number. The caller undoes gzip (per-record gzip members, as
//! in Common Crawl's `.warc.gz`, are one multi-member stream).

use super::lines::{Line, read_line_capped};
use super::{Extractor, InputFormat, RawDoc, decode_bytes, html::html_doc};
use crate::{Error, Result};
use std::io::{self, BufRead, Read};

/// Longest header line kept.
const MAX_HEADER_LINE: usize = 64 * 1024;
/// Most header lines in one record (WARC or HTTP).
const MAX_HEADER_LINES: usize = 1000;

/// Streams the articles in a WARC input: one `Ok` per `response` record
/// whose HTTP payload is a successful HTML page (or `resource` record with
/// an HTML block, or `conversion` record with plain text, as in WET files);
/// other records are skipped. Each bad record is one `Err` naming
/// `name` and the record number; a truncated or corrupt stream ends the
/// input after one error.
pub struct WarcReader<R> {
    reader: R,
    name: String,
    extractor: Extractor,
    max_bytes: usize,
    record_no: usize,
    line: Vec<u8>,
    /// A version line was read while skipping garbage: the next record
    /// starts with its header fields.
    pending_start: bool,
    done: bool,
}

/// A WARC record's header fields we use.
#[derive(Debug, Default)]
struct Header {
    warc_type: String,
    target_uri: Option<String>,
    content_type: String,
    length: Option<u64>,
}

impl<R: BufRead> WarcReader<R> {
    /// A reader over (decompressed) WARC data; `name` names the input in errors.
    pub fn new(reader: R, name: impl Into<String>, extractor: Extractor, max_bytes: usize) -> Self {
        WarcReader {
            reader,
            name: name.into(),
            extractor,
            max_bytes,
            record_no: 0,
            line: Vec::new(),
            pending_start: false,
            done: false,
        }
    }

    fn record_name(&self) -> String {
        format!("{} record {}", self.name, self.record_no)
    }

    fn bad(&self, reason: impl Into<String>) -> Error {
        Error::BadInput {
            path: self.record_name(),
            reason: reason.into(),
        }
    }

    /// Reads a header line; `Ok(None)` at the end of input.
    fn header_line(&mut self) -> Result<Option<bool>> {
        match read_line_capped(&mut self.reader, &mut self.line, MAX_HEADER_LINE) {
            Ok(None) => Ok(None),
            Ok(Some(Line::Fits)) => Ok(Some(true)),
            Ok(Some(Line::TooLong)) => Ok(Some(false)),
            Err(e) => Err(self.read_failed(e)),
        }
    }

    fn read_failed(&mut self, e: io::Error) -> Error {
        if super::gz::is_skipped_member(&e) {
            // The next gzip member starts a record of its own.
            return self.bad(e.to_string());
        }
        self.done = true;
        self.bad(format!(
            "read failed (truncated or corrupt data?), rest of the file skipped: {e}"
        ))
    }

    /// Finds the next version line, skipping blank lines. A line that is
    /// not a version line is an error; after it, lines are skipped until
    /// the next version line so the following records still read.
    fn find_record_start(&mut self) -> Option<Result<()>> {
        let mut skipped_garbage = false;
        loop {
            match self.header_line() {
                Err(e) => return Some(Err(e)),
                Ok(None) => {
                    self.done = true;
                    return skipped_garbage.then(|| {
                        Err(self.bad("not a WARC record (no \"WARC/1.x\" version line); nothing after it was a record either"))
                    });
                }
                Ok(Some(false)) => skipped_garbage = true,
                Ok(Some(true)) => {
                    if self.line.starts_with(b"WARC/") {
                        if skipped_garbage {
                            // Report the garbage as its own record; the
                            // record that starts here is read next time.
                            self.pending_start = true;
                            return Some(Err(self.bad(
                                "not a WARC record (expected a \"WARC/1.0\" or \"WARC/1.1\" version line); skipped to the next record",
                            )));
                        }
                        return Some(Ok(()));
                    }
                    if !self.line.is_empty() {
                        skipped_garbage = true;
                    }
                }
            }
        }
    }
}

impl<R: BufRead> WarcReader<R> {
    /// Reads header fields up to the blank line.
    fn read_fields(&mut self, mut each: impl FnMut(&str, &str)) -> Result<()> {
        for _ in 0..MAX_HEADER_LINES {
            match self.header_line()? {
                None => {
                    self.done = true;
                    return Err(self.bad("truncated: the file ends inside the record's header"));
                }
                Some(false) => return Err(self.bad("header line longer than 64 KiB")),
                Some(true) => {}
            }
            if self.line.is_empty() {
                return Ok(());
            }
            let text = String::from_utf8_lossy(&self.line);
            if text.starts_with([' ', '\t']) {
                // A folded continuation of the previous field; we use no
                // field long enough to fold, so it is ignored.
                continue;
            }
            let Some((k, v)) = text.split_once(':') else {
                return Err(self.bad(format!("malformed header line {:?}", truncate(&text, 80))));
            };
            let k = k.trim().to_ascii_lowercase();
            each(&k, v.trim());
        }
        Err(self.bad("more than 1000 header lines"))
    }

    fn next_record(&mut self) -> Option<Result<RawDoc>> {
        loop {
            if self.done {
                return None;
            }
            self.record_no += 1;
            if self.pending_start {
                self.pending_start = false;
            } else {
                match self.find_record_start()? {
                    Ok(()) => {}
                    Err(e) => return Some(Err(e)),
                }
            }
            let mut h = Header::default();
            let mut bad_length = None;
            if let Err(e) = self.read_fields(|k, v| match k {
                "warc-type" => h.warc_type = v.to_ascii_lowercase(),
                "warc-target-uri" => h.target_uri = Some(v.trim_matches(['<', '>']).to_string()),
                "content-type" => h.content_type = v.to_ascii_lowercase(),
                "content-length" => match v.parse::<u64>() {
                    Ok(n) => h.length = Some(n),
                    Err(_) => bad_length = Some(v.to_string()),
                },
                _ => {}
            }) {
                return Some(Err(e));
            }
            let Some(len) = h.length else {
                // Without a length the body cannot be skipped exactly: the
                // next version line is searched for instead.
                let why = match bad_length {
                    Some(v) => format!("invalid Content-Length {:?}", truncate(&v, 40)),
                    None => "no Content-Length".to_string(),
                };
                return Some(Err(self.bad(why)));
            };
            let wanted = matches!(h.warc_type.as_str(), "response" | "resource" | "conversion");
            if !wanted {
                if let Err(e) = self.skip(len) {
                    return Some(Err(e));
                }
                continue;
            }
            if len > self.max_bytes as u64 {
                if let Err(e) = self.skip(len) {
                    return Some(Err(e));
                }
                return Some(Err(Error::TooLarge {
                    path: self.record_name(),
                    limit: self.max_bytes,
                }));
            }
            let mut block = Vec::new();
            match (&mut self.reader).take(len).read_to_end(&mut block) {
                Ok(n) if (n as u64) < len => {
                    self.done = true;
                    return Some(Err(self.bad(format!(
                        "truncated: the file ends inside the record ({n} of {len} bytes)"
                    ))));
                }
                Ok(_) => {}
                Err(e) => return Some(Err(self.read_failed(e))),
            }
            match self.article(&h, &block) {
                Ok(Some(doc)) => return Some(Ok(doc)),
                Ok(None) => continue,
                Err(e) => return Some(Err(e)),
            }
        }
    }

    fn skip(&mut self, len: u64) -> Result<()> {
        match io::copy(&mut (&mut self.reader).take(len), &mut io::sink()) {
            Ok(n) if n < len => {
                self.done = true;
                Err(self.bad(format!(
                    "truncated: the file ends inside the record ({n} of {len} bytes)"
                )))
            }
            Ok(_) => Ok(()),
            Err(e) => Err(self.read_failed(e)),
        }
    }

    /// Turns a record's block into an article, or `None` for records that
    /// are not articles (failed responses, images, ...).
    fn article(&self, h: &Header, block: &[u8]) -> Result<Option<RawDoc>> {
        let name = self.record_name();
        let url = h.target_uri.clone();
        let path = url.clone().unwrap_or_else(|| name.clone());
        let (mime, charset, body) = if h.content_type.starts_with("application/http") {
            if h.content_type.contains("request") {
                return Ok(None);
            }
            match parse_http(block, self.max_bytes) {
                Err(reason) => return Err(self.bad(reason)),
                Ok(None) => return Ok(None),
                Ok(Some(r)) => r,
            }
        } else {
            let (mime, charset) = split_content_type(&h.content_type);
            (mime, charset, block.to_vec())
        };
        let html = mime.contains("html") || (mime.is_empty() && sniff_html(&body));
        let doc = if html {
            html_doc(
                &path,
                &body,
                url.as_deref(),
                charset.as_deref(),
                self.extractor,
            )
        } else if mime == "text/plain" {
            decode_bytes(&body)
                .map(|d| {
                    let mut doc = RawDoc::text(path.clone(), d.text);
                    doc.decoded_as = d.how;
                    doc.url = url.clone();
                    doc.source = url.as_deref().and_then(super::meta::host_of);
                    doc
                })
                .map_err(|e| Error::BadInput {
                    path: path.clone(),
                    reason: e.to_string(),
                })
        } else {
            return Ok(None);
        };
        match doc {
            Ok(mut d) => {
                d.format = InputFormat::Warc;
                if d.url.is_none() {
                    d.url = url;
                }
                Ok(Some(d))
            }
            Err(Error::BadInput { reason, .. }) => Err(Error::BadInput {
                path: format!("{name} ({path})"),
                reason,
            }),
            Err(e) => Err(e),
        }
    }
}

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

fn split_content_type(ct: &str) -> (String, Option<String>) {
    let mut parts = ct.split(';');
    let mime = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let charset = parts.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim().eq_ignore_ascii_case("charset"))
            .then(|| v.trim().trim_matches(['"', '\'']).to_string())
    });
    (mime, charset)
}

fn sniff_html(body: &[u8]) -> bool {
    let head: Vec<u8> = body.iter().take(1024).map(u8::to_ascii_lowercase).collect();
    memchr::memmem::find(&head, b"<html").is_some()
        || memchr::memmem::find(&head, b"<!doctype html").is_some()
}

/// An HTTP response: `Ok(None)` when it is not a successful one, else its
/// media type, charset and body (chunked transfer and gzip / deflate
/// content encoding undone).
#[allow(clippy::type_complexity)]
fn parse_http(
    block: &[u8],
    max_bytes: usize,
) -> std::result::Result<Option<(String, Option<String>, Vec<u8>)>, String> {
    let end = memchr::memmem::find(block, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| memchr::memmem::find(block, b"\n\n").map(|i| (i, i + 2)));
    let Some((head_end, body_start)) = end else {
        return Err("HTTP response without the blank line that ends its header".into());
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status = lines.next().unwrap_or("");
    if !status.starts_with("HTTP/") {
        return Err(format!("not an HTTP response: {:?}", truncate(status, 60)));
    }
    let code: u16 = status
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| {
            format!(
                "HTTP status line without a status code: {:?}",
                truncate(status, 60)
            )
        })?;
    if !(200..300).contains(&code) {
        return Ok(None);
    }
    let (mut ct, mut chunked, mut encoding) = (String::new(), false, String::new());
    for l in lines.take(MAX_HEADER_LINES) {
        if let Some((k, v)) = l.split_once(':') {
            match k.trim().to_ascii_lowercase().as_str() {
                "content-type" => ct = v.trim().to_string(),
                "transfer-encoding" => chunked = v.to_ascii_lowercase().contains("chunked"),
                "content-encoding" => encoding = v.trim().to_ascii_lowercase(),
                _ => {}
            }
        }
    }
    let mut body = block[body_start..].to_vec();
    if chunked {
        body = dechunk(&body).ok_or("malformed chunked transfer encoding")?;
    }
    if encoding == "gzip" || encoding == "x-gzip" || encoding == "deflate" {
        let mut out = Vec::new();
        let r: std::result::Result<u64, io::Error> = if encoding == "deflate" {
            io::copy(
                &mut flate2::read::ZlibDecoder::new(&body[..]).take(max_bytes as u64 + 1),
                &mut out,
            )
        } else {
            io::copy(
                &mut flate2::read::MultiGzDecoder::new(&body[..]).take(max_bytes as u64 + 1),
                &mut out,
            )
        };
        match r {
            Ok(n) if n as usize > max_bytes => {
                return Err(format!("decompressed page larger than {max_bytes} bytes"));
            }
            Ok(_) => body = out,
            Err(e) => return Err(format!("content encoding {encoding}: {e}")),
        }
    }
    let (mime, charset) = split_content_type(&ct);
    Ok(Some((mime, charset, body)))
}

/// Undoes HTTP/1.1 chunked transfer coding; `None` when malformed.
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let nl = memchr::memchr(b'\n', data)?;
        let size_line = std::str::from_utf8(&data[..nl]).ok()?.trim();
        let size = usize::from_str_radix(size_line.split(';').next()?.trim(), 16).ok()?;
        data = &data[nl + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size..)?;
        data = data
            .strip_prefix(b"\r\n")
            .or_else(|| data.strip_prefix(b"\n"))
            .unwrap_or(data);
    }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Result<RawDoc>;
    fn next(&mut self) -> Option<Result<RawDoc>> {
        self.next_record()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// One WARC record with the given type, extra header lines and block.
    pub(crate) fn record(version: &str, warc_type: &str, extra: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/{version}\r\nWARC-Type: {warc_type}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000000>\r\n\
             WARC-Date: 2020-01-10T18:00:00Z\r\n{extra}Content-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    /// A `response` record holding an HTTP response with an HTML page.
    pub(crate) fn html_response(url: &str, title: &str, para: &str) -> Vec<u8> {
        let page = format!(
            "<html><head><title>{title}</title></head><body><article>{}</article></body></html>",
            format!("<p>{para}</p>").repeat(4)
        );
        let http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{page}",
            page.len()
        );
        record(
            "1.1",
            "response",
            &format!(
                "WARC-Target-URI: {url}\r\nContent-Type: application/http; msgtype=response\r\n"
            ),
            http.as_bytes(),
        )
    }

    pub(crate) fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    const P1: &str = "The harbour authority said on Monday that the new ferry terminal would open in the spring after two years of delays.";
    const P2: &str = "Farmers in the valley began the harvest early this year because of the warm and dry weather in late summer.";

    fn read(data: &[u8], max: usize) -> Vec<Result<RawDoc>> {
        let r: Box<dyn Read + Send> = if data.starts_with(&[0x1f, 0x8b]) {
            Box::new(crate::ingest::gz::GzMembers::new(std::io::Cursor::new(
                data.to_vec(),
            )))
        } else {
            Box::new(std::io::Cursor::new(data.to_vec()))
        };
        WarcReader::new(
            std::io::BufReader::new(r),
            "crawl.warc",
            Extractor::default(),
            max,
        )
        .collect()
    }

    fn archive() -> Vec<Vec<u8>> {
        vec![
            record("1.0", "warcinfo", "Content-Type: application/warc-fields\r\n", b"software: test\r\n"),
            record(
                "1.0",
                "request",
                "WARC-Target-URI: https://news.example/a\r\nContent-Type: application/http; msgtype=request\r\n",
                b"GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n",
            ),
            html_response("https://news.example/a", "Ferry terminal to open", P1),
            record(
                "1.1",
                "response",
                "WARC-Target-URI: https://news.example/logo.png\r\nContent-Type: application/http; msgtype=response\r\n",
                b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n\0\0",
            ),
            record(
                "1.1",
                "response",
                "WARC-Target-URI: https://news.example/gone\r\nContent-Type: application/http; msgtype=response\r\n",
                b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<html><body>Not found</body></html>",
            ),
            html_response("https://news.example/b", "Early harvest", P2),
        ]
    }

    #[test]
    fn html_responses_become_articles_and_the_rest_is_skipped() {
        let data: Vec<u8> = archive().concat();
        let out = read(&data, 1 << 20);
        let docs: Vec<RawDoc> = out.into_iter().map(|r| r.unwrap()).collect();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].path, "https://news.example/a");
        assert_eq!(docs[0].url.as_deref(), Some("https://news.example/a"));
        assert_eq!(docs[0].format, InputFormat::Warc);
        assert_eq!(docs[0].title.as_deref(), Some("Ferry terminal to open"));
        assert!(docs[0].text.contains("new ferry terminal"));
        assert!(docs[1].text.contains("harvest early"));
    }

    #[test]
    fn per_record_gzip_is_read() {
        let data: Vec<u8> = archive()
            .iter()
            .map(|r| gzip(r))
            .collect::<Vec<_>>()
            .concat();
        let docs: Vec<RawDoc> = read(&data, 1 << 20)
            .into_iter()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(docs.len(), 2);
        assert!(docs[1].text.contains("harvest early"));
    }

    #[test]
    fn truncated_gzip_keeps_the_records_before_and_reports_the_cut() {
        let data: Vec<u8> = archive()
            .iter()
            .map(|r| gzip(r))
            .collect::<Vec<_>>()
            .concat();
        let cut = &data[..data.len() - 40];
        let out = read(cut, 1 << 20);
        assert_eq!(out.len(), 2, "{out:?}");
        assert!(out[0].as_ref().unwrap().text.contains("new ferry terminal"));
        let e = out[1].as_ref().unwrap_err().to_string();
        assert!(e.contains("crawl.warc record 6"), "{e}");
    }

    #[test]
    fn a_corrupt_gzip_member_costs_only_its_record() {
        let mut members: Vec<Vec<u8>> = archive().iter().map(|r| gzip(r)).collect();
        // Damage the deflate data of the first article's member.
        let m = &mut members[2];
        let end = m.len() - 8;
        for b in &mut m[20..end] {
            *b = b.wrapping_mul(7).wrapping_add(3);
        }
        let out = read(&members.concat(), 1 << 20);
        let errs: Vec<String> = out
            .iter()
            .filter_map(|r| r.as_ref().err())
            .map(|e| e.to_string())
            .collect();
        assert!(!errs.is_empty() && errs[0].contains("record 3"), "{errs:?}");
        assert!(errs[0].contains("gzip"), "{errs:?}");
        let ok: Vec<&RawDoc> = out.iter().filter_map(|r| r.as_ref().ok()).collect();
        assert_eq!(ok.len(), 1, "{out:?}");
        assert!(ok[0].text.contains("harvest early"));
    }

    #[test]
    fn truncated_plain_warc_reports_the_record() {
        let data: Vec<u8> = archive().concat();
        let out = read(&data[..data.len() - 100], 1 << 20);
        assert_eq!(out.len(), 2);
        let e = out[1].as_ref().unwrap_err().to_string();
        assert!(e.contains("record 6") && e.contains("truncated"), "{e}");
    }

    #[test]
    fn oversized_records_and_garbage_are_errors_and_reading_goes_on() {
        let mut recs = archive();
        let big = format!("<html><body><p>{}</p></body></html>", "word ".repeat(2000));
        recs.insert(
            3,
            record(
                "1.1",
                "resource",
                "WARC-Target-URI: https://news.example/big\r\nContent-Type: text/html\r\n",
                big.as_bytes(),
            ),
        );
        recs.insert(4, b"this is not a record\r\nnor this\r\n\r\n".to_vec());
        recs.insert(
            5,
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: lots\r\n\r\n".to_vec(),
        );
        let out = read(&recs.concat(), 5000);
        let errs: Vec<String> = out
            .iter()
            .filter_map(|r| r.as_ref().err())
            .map(|e| e.to_string())
            .collect();
        assert_eq!(errs.len(), 3, "{errs:?}");
        assert!(
            errs[0].contains("record 4") && errs[0].contains("larger than the limit"),
            "{errs:?}"
        );
        assert!(
            errs[1].contains("record 5") && errs[1].contains("not a WARC record"),
            "{errs:?}"
        );
        assert!(
            errs[2].contains("record 6") && errs[2].contains("Content-Length"),
            "{errs:?}"
        );
        let ok: Vec<&RawDoc> = out.iter().filter_map(|r| r.as_ref().ok()).collect();
        assert_eq!(ok.len(), 2);
        assert!(ok[1].text.contains("harvest early"));
    }

    #[test]
    fn chunked_and_gzipped_http_bodies_are_undone() {
        let page = format!("<html><body><article><p>{P1}</p><p>{P2}</p></article></body></html>");
        let gz = gzip(page.as_bytes());
        let mut chunked = Vec::new();
        for c in gz.chunks(100) {
            chunked.extend_from_slice(format!("{:x}\r\n", c.len()).as_bytes());
            chunked.extend_from_slice(c);
            chunked.extend_from_slice(b"\r\n");
        }
        chunked.extend_from_slice(b"0\r\n\r\n");
        let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        http.extend_from_slice(&chunked);
        let rec = record(
            "1.0",
            "response",
            "WARC-Target-URI: https://news.example/c\r\nContent-Type: application/http;msgtype=response\r\n",
            &http,
        );
        let out = read(&rec, 1 << 20);
        let d = out[0].as_ref().unwrap();
        assert!(
            d.text.contains("ferry terminal") && d.text.contains("harvest"),
            "{}",
            d.text
        );
    }

    #[test]
    fn wet_conversion_records_are_text() {
        let rec = record(
            "1.0",
            "conversion",
            "WARC-Target-URI: https://news.example/t\r\nContent-Type: text/plain\r\n",
            format!("Ferry terminal\n{P1}").as_bytes(),
        );
        let d = read(&rec, 1 << 20).remove(0).unwrap();
        assert_eq!(d.format, InputFormat::Warc);
        assert!(d.text.starts_with("Ferry terminal\n"));
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..2000)) {
            let _ = read(&bytes, 500);
        }

        #[test]
        fn mangled_archives_never_panic(cut in 0usize..3000, flip in 0usize..3000, byte in proptest::num::u8::ANY) {
            let mut data: Vec<u8> = archive().concat();
            let n = data.len();
            data[flip % n] = byte;
            data.truncate(cut.min(n));
            let _ = read(&data, 1 << 20);
            let _ = read(&gzip(&data), 1 << 20);
        }
    }
}

//! The `ingest` stage: reads inputs into [`RawDoc`]s.
//!
//! Readers stream: a folder is walked lazily, a file is read one at a time,
//! and record-oriented formats (JSONL, WARC) yield one record at a time.
//! Bad input never stops a batch: each reader yields `Err` for the one file
//! or record that failed, naming it, and goes on with the rest.

mod decode;
mod density;
mod gz;
pub mod html;
pub mod jsonl;
mod lines;
pub mod meta;
mod text;
pub mod warc;

pub use decode::{DecodeError, Decoded, decode_bytes};
pub use html::{Extractor, decode_html};
pub use jsonl::{JsonlFields, JsonlReader};
pub use text::read_text_file;
pub use warc::WarcReader;

use crate::model::Published;
use crate::{Error, Result};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// The format of an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputFormat {
    /// A plain-text article: title on the first non-empty line.
    Text,
    /// An HTML page.
    Html,
    /// One record of a JSONL file.
    Jsonl,
    /// One response record of a WARC file.
    Warc,
}

impl InputFormat {
    /// The format a file name implies (`.gz` looked through), if any.
    pub fn from_name(name: &str) -> Option<InputFormat> {
        let lower = name.to_ascii_lowercase();
        let base = lower.strip_suffix(".gz").unwrap_or(&lower);
        let ext = base.rsplit_once('.').map(|(_, e)| e)?;
        Some(match ext {
            "html" | "htm" | "xhtml" | "shtml" => InputFormat::Html,
            "jsonl" | "ndjson" | "jsonlines" => InputFormat::Jsonl,
            "warc" => InputFormat::Warc,
            "txt" | "text" => InputFormat::Text,
            _ => return None,
        })
    }

    /// The format the first bytes of an input suggest: a WARC version
    /// line, a JSON object, HTML markup near the start, else plain text.
    pub fn sniff(head: &[u8]) -> InputFormat {
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let start = head
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(head.len());
        let head = &head[start..];
        if head.starts_with(b"WARC/") {
            return InputFormat::Warc;
        }
        if head.starts_with(b"{") {
            return InputFormat::Jsonl;
        }
        let lower: Vec<u8> = head.iter().take(2048).map(u8::to_ascii_lowercase).collect();
        let has = |s: &[u8]| memchr::memmem::find(&lower, s).is_some();
        // Markup must open the input: a plain-text article that merely
        // mentions `<html>` stays text.
        if lower.starts_with(b"<")
            && (has(b"<html") || has(b"<!doctype html") || has(b"<head") || has(b"<body"))
        {
            return InputFormat::Html;
        }
        InputFormat::Text
    }
}

/// How inputs are read.
#[derive(Debug, Clone, PartialEq)]
pub struct IngestOptions {
    /// The largest single record (a file, a JSONL line, a WARC record)
    /// read into memory; larger ones are skipped with
    /// [`Error::TooLarge`]. Default 32 MiB.
    pub max_record_bytes: usize,
    /// The main-content extractor for HTML.
    pub extractor: Extractor,
    /// JSONL field names.
    pub jsonl: JsonlFields,
    /// Read every input as this format instead of guessing from its name
    /// and first bytes.
    pub format: Option<InputFormat>,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            max_record_bytes: 32 << 20,
            extractor: Extractor::default(),
            jsonl: JsonlFields::default(),
            format: None,
        }
    }
}

/// A stream of raw documents, one entry per document or failed record.
pub type DocIter = Box<dyn Iterator<Item = Result<RawDoc>> + Send>;

/// A raw input document, before cleaning. Serializable: the Ray backfill
/// reads records on one machine and cleans them on another.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RawDoc {
    /// The input's own id, when it has one (JSONL `id`); otherwise the id is
    /// derived from `source` and `path`.
    pub id: Option<String>,
    /// Where it came from: a file path, `path:line` for a JSONL record, or a URL.
    pub path: String,
    /// The URL, when known.
    pub url: Option<String>,
    /// Outlet or site name, when known.
    pub source: Option<String>,
    /// The format it was read from.
    pub format: InputFormat,
    /// The text, one paragraph or line per line. For plain-text files this
    /// is the file as decoded, so line numbers are the file's own.
    pub text: String,
    /// Title from metadata, when the format carries one (plain text does not:
    /// the cleaner takes the first non-empty line).
    pub title: Option<String>,
    /// Publication date from metadata.
    pub published: Option<Published>,
    /// Language from metadata.
    pub language: Option<String>,
    /// How the bytes were decoded when they were not valid UTF-8.
    pub decoded_as: Option<String>,
}

impl RawDoc {
    /// The article id: the input's own id when it has one, else
    /// [`stable_id`] of the source and path (for WARC records the path is
    /// the URL, so the same page has the same id in every crawl).
    pub fn article_id(&self) -> String {
        self.id
            .clone()
            .unwrap_or_else(|| stable_id(self.source.as_deref(), &self.path))
    }

    /// A plain-text document.
    pub fn text(path: impl Into<String>, text: impl Into<String>) -> Self {
        RawDoc {
            id: None,
            path: path.into(),
            url: None,
            source: None,
            format: InputFormat::Text,
            text: text.into(),
            title: None,
            published: None,
            language: None,
            decoded_as: None,
        }
    }
}

/// What to do with the files under a folder.
fn is_candidate_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with('.') {
        return false;
    }
    // gold files and other JSON sidecars are not articles.
    !matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("json") | Some("md") | Some("toml")
    )
}

/// Expands paths into the list of files to read: files as given, folders
/// walked recursively in name order (hidden files and `.json` sidecars
/// skipped). Unreadable folders are reported as errors in the list.
pub fn expand_paths(paths: &[PathBuf]) -> Vec<Result<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        walk(p, true, &mut out);
    }
    out
}

fn walk(path: &Path, explicit: bool, out: &mut Vec<Result<PathBuf>>) {
    if path.is_dir() {
        let entries = match std::fs::read_dir(path) {
            Ok(e) => e,
            Err(source) => {
                out.push(Err(crate::Error::Io {
                    path: path.to_path_buf(),
                    source,
                }));
                return;
            }
        };
        let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        children.sort();
        for c in children {
            walk(&c, false, out);
        }
    } else if explicit || is_candidate_file(path) {
        out.push(Ok(path.to_path_buf()));
    }
}

/// Reads one input file of any supported format, streaming, with the
/// default [`IngestOptions`]. See [`read_path_with`].
pub fn read_path(path: &Path) -> DocIter {
    read_path_with(path, &IngestOptions::default())
}

/// Reads one input file of any supported format, streaming.
///
/// The format comes from `opts.format`, else the file name (`.html`,
/// `.htm`, `.jsonl`, `.ndjson`, `.warc`, `.txt`, each optionally `.gz`),
/// else the first bytes (see [`InputFormat::sniff`]). Gzip is recognised by
/// its magic bytes and undone on the fly (multi-member streams included).
/// Plain-text and HTML files give one document; JSONL and WARC give one
/// entry per record. A record that fails is an `Err` naming the file and
/// record, and the others are still returned.
pub fn read_path_with(path: &Path, opts: &IngestOptions) -> DocIter {
    let name = path.display().to_string();
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(source) => {
            return Box::new(std::iter::once(Err(Error::Io {
                path: path.to_path_buf(),
                source,
            })));
        }
    };
    let by_name = path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(InputFormat::from_name);
    let opts = IngestOptions {
        format: opts.format.or(by_name),
        ..opts.clone()
    };
    read_reader(&name, file, &opts)
}

/// Reads any input stream (standard input, say), streaming: gzip undone,
/// format from `opts.format` or sniffed from the first bytes. `name` names
/// it in paths and errors.
pub fn read_reader(
    name: &str,
    reader: impl Read + Send + 'static,
    opts: &IngestOptions,
) -> DocIter {
    let once = |r: Result<RawDoc>| -> DocIter { Box::new(std::iter::once(r)) };
    let io_err = |source| Error::Io {
        path: PathBuf::from(name),
        source,
    };
    let mut raw = BufReader::with_capacity(64 * 1024, reader);
    let gz = match raw.fill_buf() {
        Ok(b) => b.starts_with(&[0x1f, 0x8b]),
        Err(e) => return once(Err(io_err(e))),
    };
    let stream: Box<dyn Read + Send> = if gz {
        Box::new(gz::GzMembers::new(raw))
    } else {
        Box::new(raw)
    };
    let (head, stream) = peek(stream, 8192);
    let mut stream = BufReader::with_capacity(64 * 1024, stream);
    let format = opts.format.unwrap_or_else(|| InputFormat::sniff(&head));
    let max = opts.max_record_bytes;
    match format {
        InputFormat::Jsonl => Box::new(JsonlReader::new(
            stream,
            name,
            opts.jsonl.clone(),
            opts.extractor,
            max,
        )),
        InputFormat::Warc => Box::new(WarcReader::new(stream, name, opts.extractor, max)),
        InputFormat::Text | InputFormat::Html => {
            let bytes = match lines::read_all_capped(&mut stream, max) {
                Ok(Some(b)) => b,
                Ok(None) => {
                    return once(Err(Error::TooLarge {
                        path: name.to_string(),
                        limit: max,
                    }));
                }
                Err(e) => {
                    return once(Err(Error::BadInput {
                        path: name.to_string(),
                        reason: format!("read failed (truncated or corrupt data?): {e}"),
                    }));
                }
            };
            if format == InputFormat::Html {
                once(html::html_doc(name, &bytes, None, None, opts.extractor))
            } else {
                once(text::text_from_bytes(name, &bytes))
            }
        }
    }
}

/// The first `n` bytes of a stream (fewer at its end), and the stream
/// again from its start. A read error inside the head is not lost: the
/// returned stream gives the head, then that error.
fn peek(mut r: Box<dyn Read + Send>, n: usize) -> (Vec<u8>, Box<dyn Read + Send>) {
    let mut head = Vec::with_capacity(n);
    let rest: Box<dyn Read + Send> = match (&mut r).take(n as u64).read_to_end(&mut head) {
        Ok(_) => r,
        // After a skipped gzip member the stream goes on.
        Err(e) if gz::is_skipped_member(&e) => Box::new(FailingReader(Some(e)).chain(r)),
        Err(e) => Box::new(FailingReader(Some(e))),
    };
    let again: Box<dyn Read + Send> = Box::new(std::io::Cursor::new(head.clone()).chain(rest));
    (head, again)
}

/// A reader that fails once with a stored error, then reads as empty.
struct FailingReader(Option<std::io::Error>);

impl Read for FailingReader {
    fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
        match self.0.take() {
            Some(e) => Err(e),
            None => Ok(0),
        }
    }
}

/// Reads standard input (or any reader) as one plain-text article.
pub fn read_text_stream(name: &str, mut r: impl std::io::Read) -> Result<RawDoc> {
    let mut bytes = Vec::new();
    r.read_to_end(&mut bytes)
        .map_err(|source| crate::Error::Io {
            path: PathBuf::from(name),
            source,
        })?;
    text::text_from_bytes(name, &bytes)
}

/// A stable id: the first 16 hex digits of a 64-bit FNV-1a hash of the
/// source and path. (FNV is written out here because it is eight lines and
/// must never change between versions, unlike `std`'s hasher.)
pub fn stable_id(source: Option<&str>, path: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in source
        .unwrap_or("")
        .bytes()
        .chain(std::iter::once(0u8))
        .chain(path.bytes())
    {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const PARA: &str = "The city council approved the budget on Thursday after a long debate about the cost of repairing the old bridge.";

    fn page(title: &str) -> String {
        format!(
            "<!DOCTYPE html><html lang=\"en\"><head><title>{title}</title>\
             <meta property=\"article:published_time\" content=\"2022-06-01T08:30:00+02:00\"></head>\
             <body><article>{}</article></body></html>",
            format!("<p>{PARA}</p>").repeat(3)
        )
    }

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn all(path: &Path) -> Vec<Result<RawDoc>> {
        read_path(path).collect()
    }

    #[test]
    fn formats_are_chosen_by_name_and_by_content() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("a.html"), page("Budget passes")).unwrap();
        std::fs::write(d.join("b.txt"), format!("Budget passes\n\n{PARA}\n")).unwrap();
        std::fs::write(
            d.join("c.jsonl"),
            format!("{{\"id\":\"c1\",\"text\":\"{PARA}\"}}\n"),
        )
        .unwrap();
        // No telling extension: sniffed.
        std::fs::write(d.join("d.page"), page("Sniffed page")).unwrap();
        std::fs::write(
            d.join("e.dump"),
            format!("{{\"text\":\"{PARA}\"}}\n{{\"text\":\"{PARA}\"}}\n"),
        )
        .unwrap();
        std::fs::write(d.join("f.html.gz"), gz(page("Zipped page").as_bytes())).unwrap();
        let warc = crate::ingest::warc::tests::html_response(
            "https://x.example/w",
            "From the archive",
            PARA,
        );
        std::fs::write(d.join("g.warc.gz"), crate::ingest::warc::tests::gzip(&warc)).unwrap();
        std::fs::write(d.join("h.bin"), crate::ingest::warc::tests::gzip(&warc)).unwrap();

        let one = |name: &str| {
            let v = all(&d.join(name));
            assert_eq!(v.len(), 1, "{name}: {v:?}");
            v.into_iter().next().unwrap().unwrap()
        };
        let a = one("a.html");
        assert_eq!(
            (a.format, a.title.as_deref()),
            (InputFormat::Html, Some("Budget passes"))
        );
        assert_eq!(a.published.as_ref().unwrap().iso(), "2022-06-01T08:30");
        assert_eq!(a.language.as_deref(), Some("en"));
        assert_eq!(a.text.matches(PARA).count(), 3);
        assert_eq!(one("b.txt").format, InputFormat::Text);
        let c = one("c.jsonl");
        assert_eq!(
            (c.format, c.id.as_deref()),
            (InputFormat::Jsonl, Some("c1"))
        );
        assert_eq!(c.article_id(), "c1");
        assert_eq!(one("d.page").title.as_deref(), Some("Sniffed page"));
        assert_eq!(all(&d.join("e.dump")).len(), 2);
        assert_eq!(one("f.html.gz").title.as_deref(), Some("Zipped page"));
        let g = one("g.warc.gz");
        assert_eq!(
            (g.format, g.url.as_deref()),
            (InputFormat::Warc, Some("https://x.example/w"))
        );
        assert_eq!(g.source.as_deref(), Some("x.example"));
        assert_eq!(one("h.bin").title.as_deref(), Some("From the archive"));
        // Ids are stable and differ between documents.
        assert_eq!(a.article_id(), one("a.html").article_id());
        assert_ne!(a.article_id(), g.article_id());
    }

    #[test]
    fn sniffing() {
        assert_eq!(InputFormat::sniff(b"WARC/1.1\r\n"), InputFormat::Warc);
        assert_eq!(InputFormat::sniff(b"\n  {\"text\": 1}"), InputFormat::Jsonl);
        assert_eq!(
            InputFormat::sniff(b"\xEF\xBB\xBF<!DOCTYPE html><p>"),
            InputFormat::Html
        );
        assert_eq!(
            InputFormat::sniff(b"<!-- saved --><HTML><BODY>"),
            InputFormat::Html
        );
        assert_eq!(
            InputFormat::sniff(b"How to start a page\n\nEvery page opens with <html> and a head."),
            InputFormat::Text
        );
        assert_eq!(
            InputFormat::from_name("a.JSONL.gz"),
            Some(InputFormat::Jsonl)
        );
        assert_eq!(
            InputFormat::from_name("CC-NEWS-1.warc.gz"),
            Some(InputFormat::Warc)
        );
        assert_eq!(InputFormat::from_name("notes"), None);
    }

    #[test]
    fn truncated_gzip_jsonl_keeps_the_lines_before() {
        let dir = tempfile::tempdir().unwrap();
        let lines: String = (0..200)
            .map(|i| format!("{{\"id\":\"{i}\",\"text\":\"{PARA} {i}\"}}\n"))
            .collect();
        let z = gz(lines.as_bytes());
        let p = dir.path().join("cut.jsonl.gz");
        std::fs::write(&p, &z[..z.len() / 2]).unwrap();
        let out = all(&p);
        let ok = out.iter().filter(|r| r.is_ok()).count();
        assert!(ok > 10 && ok < 200, "{ok}");
        let errs: Vec<String> = out
            .iter()
            .filter_map(|r| r.as_ref().err())
            .map(|e| e.to_string())
            .collect();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(
            errs[0].contains("cut.jsonl.gz:") && errs[0].contains("gzip data ends early"),
            "{errs:?}"
        );
    }

    #[test]
    fn a_100_mb_line_is_refused_without_stopping_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.jsonl");
        let mut f = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
        writeln!(f, "{{\"text\":\"first\"}}").unwrap();
        f.write_all(b"{\"text\":\"").unwrap();
        let chunk = vec![b'a'; 1 << 20];
        for _ in 0..100 {
            f.write_all(&chunk).unwrap();
        }
        f.write_all(b"\"}\n{\"text\":\"last\"}\n").unwrap();
        drop(f);
        let out = all(&p);
        assert_eq!(out.len(), 3);
        assert_eq!(out[0].as_ref().unwrap().text, "first");
        let e = out[1].as_ref().unwrap_err();
        assert!(matches!(e, Error::TooLarge { .. }), "{e}");
        assert!(e.to_string().contains("big.jsonl:2"), "{e}");
        assert_eq!(out[2].as_ref().unwrap().text, "last");
    }

    #[test]
    fn oversized_single_files_and_bad_bytes_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.html");
        std::fs::write(&big, page("x").repeat(50)).unwrap();
        let opts = IngestOptions {
            max_record_bytes: 4096,
            ..IngestOptions::default()
        };
        let out: Vec<_> = read_path_with(&big, &opts).collect();
        assert!(matches!(out[0], Err(Error::TooLarge { .. })), "{out:?}");
        let bin = dir.path().join("x.txt");
        std::fs::write(&bin, b"\x7fELF\x02\x01\x01\0\0\0\0\0").unwrap();
        let e = all(&bin).remove(0).unwrap_err().to_string();
        assert!(e.contains("x.txt") && e.contains("binary"), "{e}");
        let bodiless = dir.path().join("head-only.html");
        std::fs::write(
            &bodiless,
            "<html><head><title>Only a head</title></head></html>",
        )
        .unwrap();
        let e = all(&bodiless).remove(0).unwrap_err().to_string();
        assert!(e.contains("head-only.html") && e.contains("no text"), "{e}");
        let missing = all(&dir.path().join("nope.html"))
            .remove(0)
            .unwrap_err()
            .to_string();
        assert!(missing.contains("nope.html"), "{missing}");
    }

    #[test]
    fn wrong_encodings_are_decoded() {
        let dir = tempfile::tempdir().unwrap();
        // Latin-1 without any declaration.
        let latin = format!(
            "<html><body><article><p>{PARA} Caf\u{e9} cr\u{e8}me.</p></article></body></html>"
        );
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&latin);
        let p = dir.path().join("latin.html");
        std::fs::write(&p, &bytes).unwrap();
        let d = all(&p).remove(0).unwrap();
        assert!(d.text.contains("Café crème"), "{}", d.text);
        assert!(d.decoded_as.unwrap().contains("windows-1252"));
        // UTF-16 with a byte-order mark.
        let mut u16 = vec![0xFF, 0xFE];
        for u in page("Wide page").encode_utf16() {
            u16.extend_from_slice(&u.to_le_bytes());
        }
        let p = dir.path().join("wide.html");
        std::fs::write(&p, &u16).unwrap();
        assert_eq!(
            all(&p).remove(0).unwrap().title.as_deref(),
            Some("Wide page")
        );
    }

    #[test]
    fn streams_are_sniffed_like_files() {
        let opts = IngestOptions::default();
        let html = read_reader(
            "<stdin>",
            std::io::Cursor::new(page("Piped").into_bytes()),
            &opts,
        )
        .next()
        .unwrap()
        .unwrap();
        assert_eq!(
            (html.path.as_str(), html.title.as_deref()),
            ("<stdin>", Some("Piped"))
        );
        let lines = format!("{{\"text\":\"{PARA}\"}}\n{{\"text\":\"two\"}}\n");
        let docs: Vec<_> =
            read_reader("<stdin>", std::io::Cursor::new(gz(lines.as_bytes())), &opts).collect();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1].as_ref().unwrap().path, "<stdin>:2");
    }

    #[test]
    fn the_example_articles_read_as_text() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
        let files: Vec<PathBuf> = expand_paths(&[dir])
            .into_iter()
            .filter_map(|r| r.ok())
            .collect();
        assert!(!files.is_empty());
        for f in files {
            for d in read_path(&f) {
                let d = d.unwrap();
                assert_eq!(d.format, InputFormat::Text, "{}", d.path);
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn any_stream_never_panics(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..1500), gzip in proptest::bool::ANY) {
            let data = if gzip { gz(&bytes) } else { bytes };
            let opts = IngestOptions { max_record_bytes: 1000, ..IngestOptions::default() };
            for r in read_reader("<p>", std::io::Cursor::new(data), &opts) {
                let _ = r.map(|d| d.text.len());
            }
        }
    }
}

//! HTML pages: main-content extraction and page metadata.
//!
//! The main content comes from a maintained extractor crate (see
//! [`Extractor`]); its HTML output is turned into one paragraph per line by
//! [`html_paragraphs`], so the cleaner can work line by line. Metadata
//! (title, publication time, site name, language, canonical URL) comes from
//! meta tags and JSON-LD (see [`super::meta`]).

use super::meta::{PageMeta, page_meta};
use super::{DecodeError, Decoded, InputFormat, RawDoc, decode_bytes};
use crate::{Error, Result};
use ego_tree::iter::Edge;
use encoding_rs::{Encoding, WINDOWS_1252};
use scraper::{Html, Node};

/// Which main-content extractor to use for HTML pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Extractor {
    /// `dom_smoothie`, a port of Mozilla's Readability.js. The default: it
    /// scores higher on the extraction benchmark (see `docs/benchmarks.md`).
    #[default]
    Readability,
    /// `rs-trafilatura`, a port of trafilatura.
    Trafilatura,
}

impl Extractor {
    /// Every extractor, for evaluations that compare them.
    pub const ALL: [Extractor; 2] = [Extractor::Readability, Extractor::Trafilatura];

    /// The name used on the command line.
    pub fn name(&self) -> &'static str {
        match self {
            Extractor::Readability => "readability",
            Extractor::Trafilatura => "trafilatura",
        }
    }
}

impl std::str::FromStr for Extractor {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "readability" | "dom_smoothie" | "dom-smoothie" => Ok(Extractor::Readability),
            "trafilatura" | "rs-trafilatura" => Ok(Extractor::Trafilatura),
            other => Err(format!(
                "unknown extractor {other:?} (expected readability or trafilatura)"
            )),
        }
    }
}

/// What extraction found on a page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HtmlPage {
    /// The main text, one paragraph per entry (no empty entries).
    pub paragraphs: Vec<String>,
    /// Metadata from meta tags and JSON-LD.
    pub meta: PageMeta,
    /// True when the extractor found nothing and the paragraphs are the
    /// whole body's text instead.
    pub fallback: bool,
}

/// Extracts the main content and metadata of an HTML page.
///
/// `url` is the page's address when known (WARC target, JSONL field); it
/// fills in the site when the page names none. When the extractor finds no
/// main content, every text paragraph of the body is returned instead (the
/// cleaner then drops the chrome) and `fallback` is set; a page whose body
/// has no text at all gives an empty `paragraphs`.
pub fn extract_html(html: &str, url: Option<&str>, extractor: Extractor) -> HtmlPage {
    let doc = Html::parse_document(html);
    let meta = page_meta(&doc, url);
    // The extractors are large third-party heuristics: should one panic on
    // some page, that page falls back to its whole body instead of taking
    // the batch down.
    let main = std::panic::catch_unwind(|| match extractor {
        Extractor::Readability => readability_html(html, url),
        Extractor::Trafilatura => trafilatura_html(html, url),
    })
    .ok()
    .flatten();
    let mut paragraphs = main.map(|h| html_paragraphs(&h)).unwrap_or_default();
    let mut fallback = false;
    if paragraphs.is_empty() {
        paragraphs = body_paragraphs(&doc);
        fallback = !paragraphs.is_empty();
    }
    HtmlPage {
        paragraphs,
        meta,
        fallback,
    }
}

/// The main content as HTML, from dom_smoothie (Readability.js's algorithm).
fn readability_html(html: &str, url: Option<&str>) -> Option<String> {
    // dom_smoothie refuses relative or malformed document URLs; the URL is
    // only used to absolutize links, so drop it rather than fail.
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let mut r = dom_smoothie::Readability::new(html, url, None)
        .or_else(|_| dom_smoothie::Readability::new(html, None, None))
        .ok()?;
    let article = r.parse().ok()?;
    Some(article.content.to_string())
}

/// The main content as HTML, from rs-trafilatura.
fn trafilatura_html(html: &str, url: Option<&str>) -> Option<String> {
    let opts = rs_trafilatura::Options {
        url: url.map(str::to_string),
        ..rs_trafilatura::Options::default()
    };
    let r = rs_trafilatura::extract_with_options(html, &opts).ok()?;
    match r.content_html {
        Some(h) if !h.trim().is_empty() => Some(h),
        _ if !r.content_text.trim().is_empty() => Some(
            r.content_text
                .lines()
                .map(|l| format!("<p>{}</p>", escape_text(l)))
                .collect(),
        ),
        _ => None,
    }
}

fn escape_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Elements whose start and end break a paragraph.
fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
            | "br"
            | "li_"
            | "option"
            | "select"
            | "textarea"
            | "iframe"
            | "video"
            | "audio"
            | "picture"
            | "img"
    )
}

/// Elements whose text is never page text.
fn is_hidden(tag: &str) -> bool {
    matches!(
        tag,
        "script" | "style" | "noscript" | "template" | "head" | "title" | "svg" | "math" | "object"
    )
}

/// Splits HTML into text paragraphs: block elements (`p`, `div`, `li`,
/// headings, table cells, `br`, ...) end a paragraph, inline elements do not;
/// whitespace is collapsed; scripts, styles and the head are skipped.
/// Works on whole documents and on fragments. Iterative, so deeply nested
/// markup cannot overflow the stack.
pub fn html_paragraphs(html: &str) -> Vec<String> {
    let doc = Html::parse_fragment(html);
    paragraphs_under(doc.tree.root())
}

/// Every text paragraph of a parsed document's body.
pub fn body_paragraphs(doc: &Html) -> Vec<String> {
    let root = doc
        .tree
        .root()
        .descendants()
        .find(|n| matches!(n.value(), Node::Element(e) if e.name() == "body"))
        .unwrap_or(doc.tree.root());
    paragraphs_under(root)
}

fn paragraphs_under(root: ego_tree::NodeRef<'_, Node>) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut hidden_depth = 0usize;
    // Inside `<pre>` a blank line ends a paragraph (hard-wrapped text such
    // as RFCs); single line breaks are spaces.
    let mut pre_depth = 0usize;
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        let t = cur.trim();
        if !t.is_empty() {
            out.push(t.to_string());
        }
        cur.clear();
    };
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    let name = e.name();
                    if hidden_depth > 0 || is_hidden(name) {
                        hidden_depth += 1;
                    } else if is_block(name) {
                        flush(&mut cur, &mut out);
                    }
                    if name == "pre" {
                        pre_depth += 1;
                    }
                }
                Node::Text(t) if hidden_depth == 0 && pre_depth > 0 => {
                    for (k, line) in t.split('\n').enumerate() {
                        if k > 0 && line.trim().is_empty() {
                            flush(&mut cur, &mut out);
                        }
                        push_collapsed(&mut cur, line);
                        if k > 0 || t.contains('\n') {
                            push_collapsed(&mut cur, " ");
                        }
                    }
                }
                Node::Text(t) if hidden_depth == 0 => push_collapsed(&mut cur, t),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    if e.name() == "pre" {
                        pre_depth = pre_depth.saturating_sub(1);
                    }
                    if hidden_depth > 0 {
                        hidden_depth -= 1;
                    } else if is_block(e.name()) {
                        flush(&mut cur, &mut out);
                    }
                }
            }
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// Appends text with runs of whitespace collapsed to one space.
fn push_collapsed(cur: &mut String, text: &str) {
    for ch in text.chars() {
        if ch.is_whitespace() {
            if !cur.is_empty() && !cur.ends_with(' ') {
                cur.push(' ');
            }
        } else {
            cur.push(ch);
        }
    }
}

/// Decodes an HTML page's bytes: a byte-order mark first, valid UTF-8 as
/// such, then the charset the HTTP header or the page's own
/// `<meta charset>` declares, then
/// [`decode_bytes`]'s UTF-8 / Windows-1252 detection.
pub fn decode_html(bytes: &[u8], http_charset: Option<&str>) -> Result<Decoded, DecodeError> {
    // Valid UTF-8 with non-ASCII text is almost never another encoding,
    // while pages saved or re-served as UTF-8 often keep their old charset
    // declaration: valid UTF-8 wins over the declaration.
    if Encoding::for_bom(bytes).is_none() && std::str::from_utf8(bytes).is_err() {
        let declared = http_charset
            .and_then(|l| Encoding::for_label(l.trim().as_bytes()))
            .or_else(|| meta_charset(bytes));
        // UTF-8 and Windows-1252 (which "iso-8859-1" and "latin1" mean) are
        // left to decode_bytes, which checks them: pages often lie about both.
        if let Some(enc) = declared.filter(|e| *e != encoding_rs::UTF_8 && *e != WINDOWS_1252) {
            let (text, _, had_errors) = enc.decode(bytes);
            if text.trim().is_empty() {
                return Err(DecodeError::Empty);
            }
            if text.contains('\0') {
                return Err(DecodeError::Binary);
            }
            let how = if had_errors {
                format!("{} (declared; invalid sequences replaced)", enc.name())
            } else {
                format!("{} (declared)", enc.name())
            };
            return Ok(Decoded {
                text: text.into_owned(),
                how: Some(how.to_lowercase()),
            });
        }
    }
    decode_bytes(bytes)
}

/// The charset a page declares in its first 4 KiB (`<meta charset=...>` or
/// `<meta http-equiv="Content-Type" content="...; charset=...">`). This is
/// the HTML standard's prescan, reduced to what pages use in practice.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&lower[from..], b"charset") {
        let at = from + i + b"charset".len();
        from = at;
        let rest = &lower[at..];
        let rest = trim_start(rest);
        let Some(rest) = rest.strip_prefix(b"=") else {
            continue;
        };
        let rest = trim_start(rest);
        let rest = rest
            .strip_prefix(b"\"")
            .or_else(|| rest.strip_prefix(b"'"))
            .unwrap_or(rest);
        let end = rest
            .iter()
            .position(|&b| {
                matches!(
                    b,
                    b'"' | b'\'' | b';' | b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r'
                )
            })
            .unwrap_or(rest.len());
        if let Some(enc) = Encoding::for_label(&rest[..end]) {
            // A page that declares UTF-16 but is parsed as bytes is UTF-8 by
            // the standard's rule.
            return Some(
                if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                    encoding_rs::UTF_8
                } else {
                    enc
                },
            );
        }
    }
    None
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

/// The deepest element nesting accepted. HTML parsing and extraction slow
/// down with the square of the depth (5,000 nested `div`s take about 20
/// seconds); real pages stay below a few hundred.
pub const MAX_NESTING: usize = 1000;

/// Elements whose end tag may be left out, and void elements: they do not
/// count towards nesting in [`too_deep`].
fn optional_end(tag: &[u8]) -> bool {
    matches!(
        tag,
        b"p" | b"li"
            | b"dt"
            | b"dd"
            | b"tr"
            | b"td"
            | b"th"
            | b"option"
            | b"optgroup"
            | b"thead"
            | b"tbody"
            | b"tfoot"
            | b"colgroup"
            | b"rb"
            | b"rt"
            | b"rp"
            | b"html"
            | b"head"
            | b"body"
            | b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"source"
            | b"track"
            | b"wbr"
            | b"param"
            | b"keygen"
            | b"basefont"
            | b"frame"
            | b"isindex"
            | b"image"
    )
}

/// A quick scan of the tags (no parsing): `Some(depth)` once open minus
/// closed elements reach `limit`. Approximate by design (comments and
/// scripts are not skipped) but linear, to refuse markup that would make the
/// parser crawl.
fn too_deep(html: &str, limit: usize) -> Option<usize> {
    let b = html.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        i += off + 1;
        let closing = b.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let len = b[start..]
            .iter()
            .take(16)
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if len == 0 {
            continue;
        }
        let tag = b[start..start + len].to_ascii_lowercase();
        if optional_end(&tag) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            let self_closing = memchr::memchr(b'>', &b[start..])
                .is_some_and(|gt| gt > 0 && b[start + gt - 1] == b'/');
            if !self_closing {
                depth += 1;
                if depth >= limit {
                    return Some(depth);
                }
            }
        }
    }
    None
}

/// Reads an HTML page from bytes into a [`RawDoc`]: decoded, main text
/// extracted (one paragraph per line, a blank line between paragraphs),
/// metadata filled in. `name` names the page in errors and becomes the
/// document's path; `url` is its address when known.
pub fn html_doc(
    name: &str,
    bytes: &[u8],
    url: Option<&str>,
    http_charset: Option<&str>,
    extractor: Extractor,
) -> Result<RawDoc> {
    let decoded = decode_html(bytes, http_charset).map_err(|e| Error::BadInput {
        path: name.to_string(),
        reason: e.to_string(),
    })?;
    if let Some(depth) = too_deep(&decoded.text, MAX_NESTING) {
        return Err(Error::BadInput {
            path: name.to_string(),
            reason: format!(
                "markup nested at least {depth} elements deep (limit {MAX_NESTING}); not parsed"
            ),
        });
    }
    let page = extract_html(&decoded.text, url, extractor);
    if page.paragraphs.is_empty() {
        return Err(Error::BadInput {
            path: name.to_string(),
            reason: "HTML page has no text in its body".to_string(),
        });
    }
    let meta = page.meta;
    let url = url.map(str::to_string).or(meta.url);
    let source = meta
        .site_name
        .or_else(|| url.as_deref().and_then(super::meta::host_of));
    Ok(RawDoc {
        id: None,
        path: name.to_string(),
        url,
        source,
        format: InputFormat::Html,
        text: page.paragraphs.join("\n\n"),
        title: meta.title,
        published: meta.published,
        language: meta.language,
        decoded_as: decoded.how,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_paragraphs_and_inline_does_not_split() {
        let p = html_paragraphs(
            "<div><h2>Head</h2><p>One <b>bold</b>\n  word.</p><p>Two<br>lines</p>\
             <script>var x = 1;</script><ul><li>a</li><li>b</li></ul></div>",
        );
        assert_eq!(p, vec!["Head", "One bold word.", "Two", "lines", "a", "b"]);
        let p = html_paragraphs(
            "<pre>First line\n  wrapped here.\n\n   Second <b>para</b>\ngraph.\n</pre>",
        );
        assert_eq!(p, vec!["First line wrapped here.", "Second para graph."]);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let n: usize = std::env::var("DEEP")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(500);
        let html = format!("{}text{}", "<div>".repeat(n), "</div>".repeat(n));
        assert_eq!(html_paragraphs(&html), vec!["text"]);
        let page = format!("<html><body>{html}</body></html>");
        let doc = html_doc(
            "deep.html",
            page.as_bytes(),
            None,
            None,
            Extractor::Readability,
        )
        .unwrap();
        assert_eq!(doc.text, "text");
        // rs-trafilatura repeats text found in nested blocks; it must not crash.
        let doc = html_doc(
            "deep.html",
            page.as_bytes(),
            None,
            None,
            Extractor::Trafilatura,
        )
        .unwrap();
        assert!(doc.text.contains("text"));
    }

    #[test]
    fn declared_charset_is_used() {
        let mut bytes = b"<html><head><meta charset=\"iso-8859-2\"></head><body><p>".to_vec();
        bytes.extend_from_slice(b"\xb3\xf3d\xbc");
        bytes.extend_from_slice(b"</p></body></html>");
        let d = decode_html(&bytes, None).unwrap();
        assert!(d.text.contains("łódź"), "{}", d.text);
        assert!(d.how.unwrap().contains("iso-8859-2"));
        // The HTTP header wins over guessing.
        let d = decode_html(b"<p>\x8a\x8e</p>", Some("windows-1250")).unwrap();
        assert!(d.text.contains("ŠŽ"), "{}", d.text);
    }

    #[test]
    fn a_page_is_extracted_with_metadata() {
        let body = "<p>The council voted on Tuesday to expand the city's bus network, \
                    adding four routes that will connect the northern suburbs to the centre.</p>"
            .repeat(4);
        let html = format!(
            "<html lang=\"en\"><head><title>Buses expand | Daily Example</title>\
             <meta property=\"og:site_name\" content=\"Daily Example\">\
             <meta property=\"article:published_time\" content=\"2021-03-04T09:15:00+01:00\">\
             </head><body><nav><a href=\"/\">Home</a> <a href=\"/w\">World</a></nav>\
             <article><h1>Buses expand</h1>{body}</article>\
             <footer>Copyright 2021</footer></body></html>"
        );
        for ex in Extractor::ALL {
            let doc = html_doc("page.html", html.as_bytes(), None, None, ex).unwrap();
            assert_eq!(doc.format, InputFormat::Html);
            assert_eq!(doc.title.as_deref(), Some("Buses expand"));
            assert_eq!(doc.source.as_deref(), Some("Daily Example"));
            assert_eq!(doc.language.as_deref(), Some("en"));
            let p = doc.published.unwrap();
            assert_eq!(p.iso(), "2021-03-04T09:15");
            assert!(doc.text.contains("four routes"), "{ex:?}: {}", doc.text);
            assert!(!doc.text.contains("Copyright"), "{ex:?}: {}", doc.text);
        }
    }

    #[test]
    fn html_without_a_body_is_an_error() {
        let e = html_doc(
            "empty.html",
            b"<html><head><title>Nothing</title></head></html>",
            None,
            None,
            Extractor::default(),
        )
        .unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("empty.html") && msg.contains("no text"),
            "{msg}"
        );
    }

    #[test]
    fn absurdly_deep_markup_is_refused_quickly() {
        let html = format!(
            "<html><body>{}text</body></html>",
            "<div><span>".repeat(5000)
        );
        let t = std::time::Instant::now();
        let e = html_doc(
            "deep.html",
            html.as_bytes(),
            None,
            None,
            Extractor::default(),
        )
        .unwrap_err();
        assert!(e.to_string().contains("nested"), "{e}");
        assert!(t.elapsed().as_secs() < 2);
        // Many unclosed paragraphs and line breaks are ordinary old HTML.
        let flat = format!(
            "<html><body>{}</body></html>",
            "<p>Some words here.<br>".repeat(3000)
        );
        assert!(too_deep(&flat, MAX_NESTING).is_none());
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..600)) {
            for ex in Extractor::ALL {
                let _ = html_doc("p.html", &bytes, None, None, ex);
            }
        }

        #[test]
        fn arbitrary_markup_never_panics(s in "(<(p|div|a|b|br|script|article|h1|meta|title)( [a-z]+=\"[^\"]{0,8}\")?>|</(p|div|a|b|script|article|h1|title)>|[a-z .,]{0,12}){0,60}") {
            for ex in Extractor::ALL {
                let _ = html_doc("p.html", s.as_bytes(), Some("https://example.org/a"), None, ex);
            }
        }
    }
}

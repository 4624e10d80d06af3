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
    /// The default: storyline's own [`Extractor::Density`] (one parse),
    /// and Readability ([`Extractor::Readability`]) instead on a page where
    /// the density extractor's container grew to an ancestor with twice
    /// its prose (about one page in ten: where a short article can take in
    /// a stream of teasers); there, rs-trafilatura's text where Readability
    /// kept less than half of the page's prose, rs-trafilatura finds more
    /// and the density extractor carries three quarters of it (two of the
    /// three agree). Chosen on the extraction-wceb pages (see
    /// `docs/benchmarks.md`).
    #[default]
    Auto,
    /// `dom_smoothie`, a port of Mozilla's Readability.js.
    Readability,
    /// `rs-trafilatura`, a port of trafilatura.
    Trafilatura,
    /// storyline's own: text blocks scored by their prose, on the page's
    /// one parsed tree (see [`super::density`]).
    Density,
}

impl Extractor {
    /// Every extractor, for evaluations that compare them.
    pub const ALL: [Extractor; 4] = [
        Extractor::Auto,
        Extractor::Readability,
        Extractor::Trafilatura,
        Extractor::Density,
    ];

    /// The name used on the command line.
    pub fn name(&self) -> &'static str {
        match self {
            Extractor::Auto => "auto",
            Extractor::Readability => "readability",
            Extractor::Trafilatura => "trafilatura",
            Extractor::Density => "density",
        }
    }
}

impl std::str::FromStr for Extractor {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "readability" | "dom_smoothie" | "dom-smoothie" => Ok(Extractor::Readability),
            "trafilatura" | "rs-trafilatura" => Ok(Extractor::Trafilatura),
            "density" => Ok(Extractor::Density),
            "auto" => Ok(Extractor::Auto),
            other => Err(format!(
                "unknown extractor {other:?} (expected auto, readability, trafilatura or density)"
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
    extract_stripped(&strip_scripts(html), url, extractor)
}

/// [`extract_html`] of a page [`strip_scripts`] has stripped. Scripts and
/// styles are half the bytes of a modern page and inline SVG a tenth, and
/// never its text: the parsers skip their content (JSON-LD, which the
/// metadata reads, is kept).
fn extract_stripped(html: &str, url: Option<&str>, extractor: Extractor) -> HtmlPage {
    let doc = Html::parse_document(html);
    let meta = page_meta(&doc, url);
    // The extractors are large third-party heuristics: should one panic on
    // some page, that page falls back to its whole body instead of taking
    // the batch down.
    let external = |ex: Extractor| {
        std::panic::catch_unwind(|| match ex {
            Extractor::Trafilatura => trafilatura_html(html, url),
            _ => readability_html(html, url),
        })
        .ok()
        .flatten()
        .map(|h| html_paragraphs(&h))
        .unwrap_or_default()
    };
    let mut paragraphs = match extractor {
        Extractor::Density => super::density::density_paragraphs(&doc),
        Extractor::Readability | Extractor::Trafilatura => external(extractor),
        Extractor::Auto => choose_auto(
            super::density::density(&doc),
            || external(Extractor::Readability),
            || external(Extractor::Trafilatura),
        ),
    };
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

/// The default extractor's text: the density extractor's (`found`), or,
/// where its container grew to an ancestor with twice its prose (the one
/// step that can take in a stream of teasers or a sidebar with a short
/// article) or it found nothing, Readability's. Where Readability kept
/// under half of the page's prose, two of three must agree: rs-trafilatura's
/// longer text is taken when the density extractor carries most of it too;
/// else Readability's text stays (a short article before a stream of
/// teasers) unless it is too short to be an article at all (Readability's
/// own retry threshold), where the density extractor's is taken (and where
/// the density extractor found nothing either, nothing: the caller reads
/// the page's whole body). The two
/// other extractors run only when needed (each parses the page again).
fn choose_auto(
    found: super::density::Density,
    readability: impl FnOnce() -> Vec<String>,
    trafilatura: impl FnOnce() -> Vec<String>,
) -> Vec<String> {
    if !found.grew && !found.paragraphs.is_empty() {
        return found.paragraphs;
    }
    let readability = readability();
    if found.paragraphs.is_empty() && chars_in(&readability) < super::density::MIN_ARTICLE_CHARS {
        // Neither found an article: the caller falls back to the body.
        return Vec::new();
    }
    // The page's prose, or the density extractor's article when it is
    // longer (its headings and lists are not prose blocks).
    let prose = words_in(&found.paragraphs).max(found.page_prose_words);
    if words_in(&readability) * 2 >= prose {
        return readability;
    }
    let trafilatura = trafilatura();
    if words_in(&trafilatura) > words_in(&readability)
        && share_within(&trafilatura, &found.paragraphs) >= AGREEMENT
    {
        trafilatura
    } else if chars_in(&readability) < super::density::MIN_ARTICLE_CHARS {
        found.paragraphs
    } else {
        readability
    }
}

/// How much of rs-trafilatura's text the density extractor must carry for
/// [`Extractor::Auto`] to take it over Readability's.
const AGREEMENT: f64 = 0.75;

/// The share of `a`'s words (lower-cased, as a multiset) that are in `b`.
fn share_within(a: &[String], b: &[String]) -> f64 {
    let mut counts: rustc_hash::FxHashMap<String, usize> = Default::default();
    for w in b.iter().flat_map(|p| p.split_whitespace()) {
        *counts.entry(w.to_lowercase()).or_default() += 1;
    }
    let (mut total, mut shared) = (0usize, 0usize);
    for w in a.iter().flat_map(|p| p.split_whitespace()) {
        total += 1;
        if let Some(c) = counts.get_mut(&w.to_lowercase())
            && *c > 0
        {
            *c -= 1;
            shared += 1;
        }
    }
    shared as f64 / total.max(1) as f64
}

/// Characters (not spaces) in paragraphs.
fn chars_in(paragraphs: &[String]) -> usize {
    paragraphs
        .iter()
        .map(|p| p.chars().filter(|c| !c.is_whitespace()).count())
        .sum()
}

/// Words (whitespace-separated) in paragraphs.
fn words_in(paragraphs: &[String]) -> usize {
    paragraphs
        .iter()
        .map(|p| p.split_whitespace().count())
        .sum()
}

/// The page with the content of every `<script>` (but JSON-LD), `<style>`
/// and `<svg>` element taken out, tags kept; the page itself when it has
/// none. The scan follows the tokenizer as far as that matters: comments,
/// doctypes and the insides of tags are stepped over, and so is the text of
/// the other raw-text elements (`title`, `textarea`, `noscript` ...), so a
/// `<script>` inside any of them is not taken for an element. A page with
/// a `plaintext` element is left as it is, and so is the rest of a page
/// after a script that holds `<!--` (the tokenizer's escaped script states).
pub fn strip_scripts(html: &str) -> std::borrow::Cow<'_, str> {
    let b = html.as_bytes();
    let mut out = String::new();
    // Bytes before `copied` are in `out` already (or dropped).
    let mut copied = 0;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let at = i + off;
        match not_a_tag(b, at, false) {
            Some(NotATag::Skip(next)) => {
                i = next;
                continue;
            }
            Some(NotATag::Unterminated) => break,
            None => {}
        }
        let closing = b.get(at + 1) == Some(&b'/');
        let start = at + 1 + usize::from(closing);
        let (name, len) = tag_name_at(b, start);
        let name = name_str(&name);
        let Some((open_end, self_closing)) = tag_end(b, start + len) else {
            break;
        };
        i = open_end;
        if closing {
            continue;
        }
        if name == b"plaintext" {
            return std::borrow::Cow::Borrowed(html);
        }
        if name == b"svg" && !self_closing {
            // Inline icons and charts: paths and shapes, no article text,
            // and a tenth of a modern page's markup once scripts and styles
            // are out.
            // Unclosed, or ended by the page's HTML: left as it is, and
            // nothing in it is raw text (foreign content has none).
            match svg_end(b, open_end) {
                SvgEnd::Closed(close) => {
                    if close > open_end {
                        out.push_str(&html[copied..open_end]);
                        copied = close;
                    }
                    i = close;
                }
                SvgEnd::Broken(at) => i = at,
                SvgEnd::Open => break,
            }
            continue;
        }
        if !is_raw_text(name) {
            continue;
        }
        let Some(close) = raw_text_end(b, open_end, name) else {
            break;
        };
        if name == b"script" && memchr::memmem::find(&b[open_end..close], b"<!--").is_some() {
            // An "escaped" script, where `</script>` may not end it: the
            // rest of the page is left as it is.
            break;
        }
        i = close.max(open_end);
        let json_ld =
            memchr::memmem::find(&b[start + len..open_end].to_ascii_lowercase(), b"ld+json")
                .is_some();
        let strip = name == b"style" || (name == b"script" && !json_ld);
        if strip && close > open_end {
            out.push_str(&html[copied..open_end]);
            copied = close;
        }
    }
    if copied == 0 {
        return std::borrow::Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    std::borrow::Cow::Owned(out)
}

/// What a `<` that does not open a tag starts, as the tokenizer reads it.
enum NotATag {
    /// A comment, doctype, bogus comment or CDATA section (or a `<` that
    /// is text): the markup goes on here.
    Skip(usize),
    /// One that never ends: the rest of the page is inside it.
    Unterminated,
}

/// What the `<` at `at` starts when it is not a start or end tag: comments
/// (`<!-->` and `<!--->` are whole, empty ones), doctypes and bogus
/// comments (`<!`, `<?`, `</` without a letter) up to their end, CDATA
/// sections when `foreign` (inside `svg` or `math`; elsewhere they are
/// bogus comments), and a `<` followed by anything else, which is text.
/// `None` where a tag starts.
fn not_a_tag(b: &[u8], at: usize, foreign: bool) -> Option<NotATag> {
    let rest = &b[at + 1..];
    // Past the first `end` from `skip` bytes into `rest`.
    let past = |skip: usize, end: &[u8]| {
        Some(match memchr::memmem::find(&rest[skip..], end) {
            Some(k) => NotATag::Skip(at + 1 + skip + k + end.len()),
            None => NotATag::Unterminated,
        })
    };
    if rest.starts_with(b"!-->") {
        Some(NotATag::Skip(at + 5))
    } else if rest.starts_with(b"!--->") {
        Some(NotATag::Skip(at + 6))
    } else if rest.starts_with(b"!--") {
        past(3, b"-->")
    } else if foreign && rest.starts_with(b"![CDATA[") {
        past(8, b"]]>")
    } else if matches!(rest.first(), Some(b'!' | b'?'))
        || (rest.first() == Some(&b'/') && !rest.get(1).is_some_and(u8::is_ascii_alphabetic))
    {
        past(0, b">")
    } else if !rest.first().is_some_and(u8::is_ascii_alphabetic) && rest.first() != Some(&b'/') {
        Some(NotATag::Skip(at + 1))
    } else {
        None
    }
}

/// How an inline `svg` element ends, for [`strip_scripts`].
enum SvgEnd {
    /// At its own end tag, whose `<` is here.
    Closed(usize),
    /// Where a tag of the page's HTML ends it first (an HTML `p`, `div`,
    /// an end tag of an element around it): the page's markup goes on
    /// at that tag.
    Broken(usize),
    /// Never (or not where this scan can tell).
    Open,
}

/// How the `svg` element whose start tag ends at `from` ends: the
/// elements inside followed as the tree builder nests foreign content
/// (where no element holds raw text), comments and CDATA stepped over.
fn svg_end(b: &[u8], from: usize) -> SvgEnd {
    // The elements open inside, the `svg` itself first.
    let mut open = vec![tag_name(b"svg")];
    let mut i = from;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let at = i + off;
        match not_a_tag(b, at, true) {
            Some(NotATag::Skip(next)) => {
                i = next;
                continue;
            }
            Some(NotATag::Unterminated) => return SvgEnd::Open,
            None => {}
        }
        let closing = b.get(at + 1) == Some(&b'/');
        let start = at + 1 + usize::from(closing);
        let (name, len) = tag_name_at(b, start);
        let Some((end, self_closing)) = tag_end(b, start + len) else {
            return SvgEnd::Open;
        };
        if breaks_out_of_svg(name_str(&name), closing) || name[name.len() - 1] == 0xFF {
            // (A name too long to compare is taken for one too.)
            return SvgEnd::Broken(at);
        }
        if closing {
            // An end tag closes the latest open element of its name (and
            // those inside it); one that matches none inside the `svg` is
            // for an HTML element around it and ends the `svg` there.
            let Some(k) = open.iter().rposition(|n| *n == name) else {
                return SvgEnd::Broken(at);
            };
            open.truncate(k);
            if open.is_empty() {
                return SvgEnd::Closed(at);
            }
        } else if !self_closing {
            open.push(name);
        }
        i = end;
    }
    SvgEnd::Open
}

/// A tag that ends foreign content (HTML's tree construction, "in foreign
/// content": these start tags and the end tags `br` and `p`); `font` is
/// counted whatever its attributes.
fn breaks_out_of_svg(n: &[u8], closing: bool) -> bool {
    if closing {
        return matches!(n, b"br" | b"p");
    }
    matches!(
        n,
        b"b" | b"big"
            | b"blockquote"
            | b"body"
            | b"br"
            | b"center"
            | b"code"
            | b"dd"
            | b"div"
            | b"dl"
            | b"dt"
            | b"em"
            | b"embed"
            | b"font"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"head"
            | b"hr"
            | b"i"
            | b"img"
            | b"li"
            | b"listing"
            | b"menu"
            | b"meta"
            | b"nobr"
            | b"ol"
            | b"p"
            | b"pre"
            | b"ruby"
            | b"s"
            | b"small"
            | b"span"
            | b"strong"
            | b"strike"
            | b"sub"
            | b"sup"
            | b"table"
            | b"tt"
            | b"u"
            | b"ul"
            | b"var"
    )
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

/// Elements whose start and end break a paragraph (here and in the
/// density extractor's text blocks).
pub(super) fn is_block(tag: &str) -> bool {
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
    paragraphs_under(body_root(doc))
}

/// A parsed document's `<body>`, or its root when it has none.
pub(super) fn body_root(doc: &Html) -> ego_tree::NodeRef<'_, Node> {
    doc.tree
        .root()
        .descendants()
        .find(|n| matches!(n.value(), Node::Element(e) if e.name() == "body"))
        .unwrap_or(doc.tree.root())
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
pub(super) fn push_collapsed(cur: &mut String, text: &str) {
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

/// A lower-cased tag name as the scan keeps it: names longer than the
/// array are cut and marked with a 0xFF byte, so that they equal no known
/// name.
type TagName = [u8; 24];

fn tag_name(raw: &[u8]) -> TagName {
    let mut n = [0u8; 24];
    for (d, s) in n.iter_mut().zip(raw) {
        *d = s.to_ascii_lowercase();
    }
    if raw.len() >= n.len() {
        n[n.len() - 1] = 0xFF;
    }
    n
}

/// The name of the tag whose name starts at `start`, and its length in
/// bytes (up to a space, `/` or `>`).
fn tag_name_at(b: &[u8], start: usize) -> (TagName, usize) {
    let len = b[start..]
        .iter()
        .take_while(|&&c| !(c.is_ascii_whitespace() || c == b'/' || c == b'>'))
        .count();
    (tag_name(&b[start..start + len]), len)
}

fn name_str(n: &TagName) -> &[u8] {
    let len = n.iter().position(|&c| c == 0).unwrap_or(n.len());
    &n[..len]
}

/// Void elements: never open.
fn is_void(n: &[u8]) -> bool {
    matches!(
        n,
        b"area"
            | b"base"
            | b"basefont"
            | b"bgsound"
            | b"br"
            | b"col"
            | b"embed"
            | b"frame"
            | b"hr"
            | b"image"
            | b"img"
            | b"input"
            | b"keygen"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
    )
}

/// The HTML standard's "special" elements: the implied-end and end-tag
/// searches of the tree builder stop at them.
fn is_special(n: &[u8]) -> bool {
    matches!(
        n,
        b"address"
            | b"applet"
            | b"area"
            | b"article"
            | b"aside"
            | b"base"
            | b"basefont"
            | b"bgsound"
            | b"blockquote"
            | b"body"
            | b"br"
            | b"button"
            | b"caption"
            | b"center"
            | b"col"
            | b"colgroup"
            | b"dd"
            | b"details"
            | b"dir"
            | b"div"
            | b"dl"
            | b"dt"
            | b"embed"
            | b"fieldset"
            | b"figcaption"
            | b"figure"
            | b"footer"
            | b"form"
            | b"frame"
            | b"frameset"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"head"
            | b"header"
            | b"hgroup"
            | b"hr"
            | b"html"
            | b"iframe"
            | b"img"
            | b"input"
            | b"keygen"
            | b"li"
            | b"link"
            | b"listing"
            | b"main"
            | b"marquee"
            | b"menu"
            | b"meta"
            | b"nav"
            | b"noembed"
            | b"noframes"
            | b"noscript"
            | b"object"
            | b"ol"
            | b"p"
            | b"param"
            | b"plaintext"
            | b"pre"
            | b"script"
            | b"search"
            | b"section"
            | b"select"
            | b"source"
            | b"style"
            | b"summary"
            | b"table"
            | b"tbody"
            | b"td"
            | b"template"
            | b"textarea"
            | b"tfoot"
            | b"th"
            | b"thead"
            | b"title"
            | b"tr"
            | b"track"
            | b"ul"
            | b"wbr"
            | b"xmp"
            | b"svg"
            | b"math"
    )
}

/// Start tags that close an open `p` (the standard's block elements).
fn closes_p(n: &[u8]) -> bool {
    matches!(
        n,
        b"address"
            | b"article"
            | b"aside"
            | b"blockquote"
            | b"center"
            | b"details"
            | b"dialog"
            | b"dir"
            | b"div"
            | b"dl"
            | b"fieldset"
            | b"figcaption"
            | b"figure"
            | b"footer"
            | b"header"
            | b"hgroup"
            | b"main"
            | b"menu"
            | b"nav"
            | b"ol"
            | b"p"
            | b"search"
            | b"section"
            | b"summary"
            | b"ul"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"pre"
            | b"listing"
            | b"form"
            | b"table"
            | b"li"
            | b"dd"
            | b"dt"
    )
}

/// The HTML elements that bound the parser's default scope ("has an
/// element in scope"); button scope adds `button`, and the foreign roots
/// `svg` and `math` bound it too.
fn bounds_scope(n: &[u8]) -> bool {
    matches!(
        n,
        b"applet"
            | b"caption"
            | b"html"
            | b"table"
            | b"td"
            | b"th"
            | b"marquee"
            | b"object"
            | b"template"
    )
}

fn is_heading(n: &[u8]) -> bool {
    matches!(n, b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6")
}

/// Formatting elements, closed by the adoption agency algorithm.
fn is_formatting(n: &[u8]) -> bool {
    matches!(
        n,
        b"a" | b"b"
            | b"big"
            | b"code"
            | b"em"
            | b"font"
            | b"i"
            | b"nobr"
            | b"s"
            | b"small"
            | b"strike"
            | b"strong"
            | b"tt"
            | b"u"
    )
}

/// Elements whose content is text up to their end tag, not markup.
fn is_raw_text(n: &[u8]) -> bool {
    matches!(
        n,
        b"script"
            | b"style"
            | b"xmp"
            | b"iframe"
            | b"noembed"
            | b"noframes"
            | b"noscript"
            | b"textarea"
            | b"title"
    )
}

/// The stack of open elements as [`too_deep`] models it.
struct OpenElements {
    stack: Vec<TagName>,
    /// Open `svg` / `math` elements: inside them tags nest as written.
    foreign: usize,
    /// How many elements of each name are open, so that an end tag (or an
    /// implied close) with none open costs no walk down the stack.
    counts: rustc_hash::FxHashMap<TagName, u32>,
}

impl OpenElements {
    fn top(&self) -> &[u8] {
        self.stack.last().map_or(&[][..], name_str)
    }

    fn push(&mut self, n: TagName) {
        if matches!(name_str(&n), b"svg" | b"math") {
            self.foreign += 1;
        }
        *self.counts.entry(n).or_default() += 1;
        self.stack.push(n);
    }

    fn pop(&mut self) {
        if let Some(n) = self.stack.pop() {
            if matches!(name_str(&n), b"svg" | b"math") {
                self.foreign -= 1;
            }
            if let Some(c) = self.counts.get_mut(&n) {
                *c = c.saturating_sub(1);
            }
        }
    }

    /// Pops up to and including element `i` of the stack.
    fn pop_to(&mut self, i: usize) {
        while self.stack.len() > i {
            self.pop();
        }
    }

    /// The index of the nearest open element `want` accepts (searching
    /// down from the top), unless `barrier` accepts one first.
    fn find(&self, want: impl Fn(&[u8]) -> bool, barrier: impl Fn(&[u8]) -> bool) -> Option<usize> {
        for (i, n) in self.stack.iter().enumerate().rev() {
            let n = name_str(n);
            if want(n) {
                return Some(i);
            }
            if barrier(n) {
                return None;
            }
        }
        None
    }

    /// Closes an open `p` in button scope.
    fn close_p(&mut self) {
        let boundary = |n: &[u8]| bounds_scope(n) || n == b"button";
        if !self.is_open(b"p") {
            return;
        }
        if let Some(i) = self.find(|n| n == b"p", boundary) {
            self.pop_to(i);
        }
    }

    fn is_open(&self, n: &[u8]) -> bool {
        self.counts.get(&tag_name(n)).is_some_and(|&c| c > 0)
    }

    fn has(&self, n: &[u8]) -> Option<usize> {
        if !self.is_open(n) {
            return None;
        }
        self.find(|x| x == n, |_| false)
    }

    /// A start tag, with the tree builder's implied closes.
    fn open(&mut self, n: TagName, self_closing: bool) {
        let name = name_str(&n);
        if self.foreign > 0 {
            // The parser takes some HTML tags back out of foreign content,
            // but not inside its integration points (`foreignObject`);
            // counting them all as nesting errs on the safe side.
            if !self_closing {
                self.push(n);
            }
            return;
        }
        if is_void(name) || matches!(name, b"html" | b"head" | b"body" | b"frameset") {
            return;
        }
        let table_part = |n: &[u8]| matches!(n, b"table" | b"tbody" | b"thead" | b"tfoot" | b"tr");
        match name {
            b"li" | b"dd" | b"dt" => {
                let same = |x: &[u8]| {
                    if name == b"li" {
                        x == b"li"
                    } else {
                        matches!(x, b"dd" | b"dt")
                    }
                };
                let stop = |x: &[u8]| is_special(x) && !matches!(x, b"address" | b"div" | b"p");
                let any_open = if name == b"li" {
                    self.is_open(b"li")
                } else {
                    self.is_open(b"dd") || self.is_open(b"dt")
                };
                if let Some(i) = any_open.then(|| self.find(same, stop)).flatten() {
                    self.pop_to(i);
                }
            }
            b"option" | b"optgroup" => {
                if self.top() == b"option" {
                    self.pop();
                }
                if name == b"optgroup" && self.top() == b"optgroup" && self.has(b"select").is_some()
                {
                    self.pop();
                }
            }
            b"rb" | b"rtc" | b"rp" | b"rt" if self.has(b"ruby").is_some() => {
                while matches!(
                    self.top(),
                    b"dd" | b"dt" | b"li" | b"optgroup" | b"option" | b"p" | b"rb" | b"rp" | b"rt"
                ) || (self.top() == b"rtc" && !matches!(name, b"rt" | b"rp"))
                {
                    self.pop();
                }
            }
            b"td" | b"th" | b"tr" | b"tbody" | b"thead" | b"tfoot" | b"caption" | b"colgroup" => {
                // Outside a table these are ignored; inside one they close
                // the open cell, row or section.
                let Some(t) = self.has(b"table") else { return };
                let same_kind = |x: &[u8]| match name {
                    b"td" | b"th" => matches!(x, b"td" | b"th"),
                    b"tr" => x == b"tr",
                    b"tbody" | b"thead" | b"tfoot" => matches!(x, b"tbody" | b"thead" | b"tfoot"),
                    _ => false,
                };
                let container = |x: &[u8]| match name {
                    b"td" | b"th" => table_part(x),
                    b"tr" => matches!(x, b"table" | b"tbody" | b"thead" | b"tfoot"),
                    _ => x == b"table",
                };
                if let Some(i) = self.find(|x| same_kind(x) || container(x), |_| false) {
                    // An open cell (row, section) of the same kind is
                    // closed; the part that contains the new one stays.
                    let close_it = same_kind(name_str(&self.stack[i]));
                    self.pop_to(if close_it { i } else { i + 1 }.max(t + 1));
                }
                if name == b"colgroup" {
                    return;
                }
            }
            b"table" => {
                if table_part(self.top()) {
                    if let Some(t) = self.has(b"table") {
                        self.pop_to(t);
                    }
                } else {
                    self.close_p();
                }
            }
            b"a" | b"nobr" if self.is_open(name) => {
                if let Some(i) = self.find(|x| x == name, is_special) {
                    self.pop_to(i);
                }
            }
            b"button" => {
                if let Some(i) = self.has(b"button") {
                    self.pop_to(i);
                }
            }
            b"select" => {
                if let Some(i) = self.has(b"select") {
                    self.pop_to(i);
                    return;
                }
            }
            b"form" if self.has(b"form").is_some() => return,
            _ => {}
        }
        if closes_p(name) {
            self.close_p();
        }
        if is_heading(name) && is_heading(self.top()) {
            self.pop();
        }
        self.push(n);
    }

    /// An end tag.
    fn close(&mut self, n: &TagName) {
        let name = name_str(n);
        if !is_heading(name) && !self.is_open(name) {
            return;
        }
        let scope = |x: &[u8]| bounds_scope(x) || matches!(x, b"svg" | b"math");
        let found = if self.foreign > 0 {
            // In foreign content an end tag closes its element when it is
            // open above the foreign root.
            self.find(|x| x == name, |x| matches!(x, b"svg" | b"math"))
        } else if matches!(name, b"html" | b"body" | b"br") {
            None
        } else if is_heading(name) {
            self.find(is_heading, scope)
        } else if is_formatting(name) {
            // With a special element above it, the adoption agency moves
            // elements instead of closing them: the depth stays.
            self.find(|x| x == name, is_special)
        } else if is_special(name) {
            self.find(|x| x == name, scope)
        } else {
            self.find(|x| x == name, is_special)
        };
        if let Some(i) = found {
            self.pop_to(i);
        }
    }
}

/// The byte after the end of a tag that starts at `from` (after its name):
/// attribute values in quotes are skipped, so a `>` inside one does not end
/// it. Also whether it ends in `/>`. `None` when the input ends first.
fn tag_end(b: &[u8], from: usize) -> Option<(usize, bool)> {
    let mut i = from;
    let mut prev = 0u8;
    while i < b.len() {
        match b[i] {
            b'>' => return Some((i + 1, prev == b'/')),
            b'=' => {
                i += 1;
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                if let Some(&q @ (b'"' | b'\'')) = b.get(i) {
                    i += 1 + memchr::memchr(q, b.get(i + 1..)?)?;
                }
                prev = 0;
                i += 1;
                continue;
            }
            c if !c.is_ascii_whitespace() => prev = c,
            _ => {}
        }
        i += 1;
    }
    None
}

/// Where the raw text of an element named `name` ends: the start of its
/// end tag, searched case-insensitively from `from`.
fn raw_text_end(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    while let Some(off) = memchr::memmem::find(&b[i..], b"</") {
        let at = i + off;
        let after = at + 2 + name.len();
        if b.get(at + 2..after)
            .is_some_and(|t| t.eq_ignore_ascii_case(name))
            && b.get(after)
                .is_none_or(|c| matches!(c, b'>' | b'/') || c.is_ascii_whitespace())
        {
            return Some(at);
        }
        i = at + 2;
    }
    None
}

/// A linear-time scan of the tags (no tree is built): `Some(depth)` once
/// the elements open at one time reach `limit`. It keeps a stack of open
/// elements and applies the HTML tree builder's implied closes that matter
/// for depth (an unclosed `p`, `li` or table cell is closed by the next
/// one, an end tag with no open element is ignored, a formatting end tag
/// with a block inside moves rather than closes, raw text and comments hold
/// no tags, `svg` and `math` nest everything). It is an approximation, but
/// errs towards counting: the parser and the extractors slow down with the
/// square of the depth (20,000 unclosed `<li><dd>` pairs, 160 KB, take
/// html5ever alone 28 seconds), so markup that nests deeper is refused
/// before it is parsed.
fn too_deep(html: &str, limit: usize) -> Option<usize> {
    let b = html.as_bytes();
    let mut open = OpenElements {
        stack: Vec::new(),
        foreign: 0,
        counts: Default::default(),
    };
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        i += off + 1;
        let rest = &b[i..];
        if rest.starts_with(b"!--") {
            match memchr::memmem::find(&rest[3..], b"-->") {
                Some(end) => i += 3 + end + 3,
                None => return None,
            }
            continue;
        }
        if matches!(rest.first(), Some(b'!' | b'?')) {
            // A doctype or bogus comment, up to the next `>`.
            match memchr::memchr(b'>', rest) {
                Some(end) => i += end + 1,
                None => return None,
            }
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let start = i + usize::from(closing);
        if !b.get(start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let (name, len) = tag_name_at(b, start);
        let (end, self_closing) = tag_end(b, start + len)?;
        i = end;
        if closing {
            open.close(&name);
            continue;
        }
        if open.foreign == 0 && name_str(&name) == b"plaintext" {
            return None;
        }
        open.open(name, self_closing);
        if open.stack.len() >= limit {
            return Some(open.stack.len());
        }
        if open.foreign == 0 && is_raw_text(name_str(&name)) {
            // Its text holds no tags; its end tag closes it.
            match raw_text_end(b, i, name_str(&name)) {
                Some(at) => i = at,
                None => return None,
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
    // The nesting is checked on the markup the parsers will see.
    let html = strip_scripts(&decoded.text);
    if let Some(depth) = too_deep(&html, MAX_NESTING) {
        return Err(Error::BadInput {
            path: name.to_string(),
            reason: format!(
                "markup nested at least {depth} elements deep (limit {MAX_NESTING}); not parsed"
            ),
        });
    }
    let page = extract_stripped(&html, url, extractor);
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
    use super::super::density::Density;

    fn words(n: usize, word: &str) -> Vec<String> {
        vec![vec![word; n].join(" ")]
    }

    fn found(paragraphs: Vec<String>, page_prose_words: usize, grew: bool) -> Density {
        Density {
            paragraphs,
            page_prose_words,
            grew,
        }
    }

    #[test]
    fn the_default_takes_the_density_text_without_running_the_others_where_it_did_not_grow() {
        let text = choose_auto(
            found(words(300, "article"), 400, false),
            || panic!("Readability ran"),
            || panic!("rs-trafilatura ran"),
        );
        assert_eq!(text, words(300, "article"));
    }

    #[test]
    fn where_the_density_container_grew_readability_decides() {
        // Readability keeps more than half of the page's prose.
        let text = choose_auto(
            found(words(600, "article"), 600, true),
            || words(400, "readability"),
            || panic!("rs-trafilatura ran"),
        );
        assert_eq!(text, words(400, "readability"));
        // A short article before teasers: Readability keeps a third, and
        // rs-trafilatura, which does not agree with the density text, does
        // not replace it.
        let text = choose_auto(
            found(words(600, "teasers"), 600, true),
            || words(200, "article"),
            || words(500, "other"),
        );
        assert_eq!(text, words(200, "article"));
    }

    #[test]
    fn two_of_three_agreeing_overrule_a_short_readability_text() {
        let text = choose_auto(
            found(words(600, "story"), 600, true),
            || words(200, "part"),
            || words(550, "story"),
        );
        assert_eq!(text, words(550, "story"));
    }

    #[test]
    fn a_readability_text_too_short_for_an_article_gives_way_to_the_density_text() {
        let text = choose_auto(
            found(words(600, "story"), 600, true),
            || words(1, "x"),
            || words(10, "menu"),
        );
        assert_eq!(text, words(600, "story"));
        // Nothing found by the density extractor: Readability's text, if
        // it holds an article; else nothing (the page's body is read).
        let text = choose_auto(
            found(Vec::new(), 0, false),
            || words(100, "article"),
            Vec::new,
        );
        assert_eq!(text, words(100, "article"));
        let text = choose_auto(found(Vec::new(), 0, false), || words(1, "x"), Vec::new);
        assert!(text.is_empty(), "{text:?}");
    }

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

    /// Found while writing the `html` fuzz target (reviewing this scan,
    /// then timing it): elements whose end tag may be left out still nest
    /// when something stops the implied close (`dd` stops an `li` from
    /// closing the previous one), and so do `rt` outside `ruby`,
    /// `optgroup`, a self-closed `<div/>`, end tags that close nothing and
    /// anything in `svg`. The old scan counted none of them: 2,000
    /// `<li><dd>` pairs took trafilatura 4 s, 20,000 took html5ever alone
    /// 28 s.
    #[test]
    fn nesting_through_implied_closes_is_refused_quickly() {
        for pat in [
            "<li><dd>",
            "<dd><li>",
            "<rt>",
            "<optgroup>",
            "<div/>",
            "<div></span>",
            "<svg><tr>",
            "<a-b>",
            "<table><td>",
        ] {
            let html = format!(
                "<html><body><p>Some words.</p>{}x</body></html>",
                pat.repeat(3000)
            );
            let t = std::time::Instant::now();
            let e = html_doc(
                "deep.html",
                html.as_bytes(),
                None,
                None,
                Extractor::Trafilatura,
            )
            .unwrap_err();
            assert!(e.to_string().contains("nested"), "{pat}: {e}");
            assert!(t.elapsed().as_secs() < 2, "{pat}");
        }
    }

    /// The scan stays linear: end tags with no open element, after a deep
    /// stack, are not looked for down the stack (a walk each took 1.5 s
    /// for this megabyte).
    #[test]
    fn stray_end_tags_under_a_deep_stack_are_scanned_quickly() {
        let html = format!("{}{}", "<span>".repeat(999), "</x>".repeat(250_000));
        let t = std::time::Instant::now();
        assert_eq!(too_deep(&html, MAX_NESTING), None);
        assert!(t.elapsed().as_millis() < 500, "{:?}", t.elapsed());
    }

    #[test]
    fn implied_closes_of_ordinary_markup_do_not_count_as_nesting() {
        for pat in [
            "<p>Some words here.<br>",
            "<li>item <a href=\"/x\">link</a>",
            "<dt>term<dd>definition",
            "<tr><td>cell<td>cell",
            "<option>one",
            "<p><b>bold",
            "<h2>heading",
            "<a href=x>unclosed link",
            "<script>var s = '<div><div>';</script>",
            "<!-- <div><div> -->",
            "<img alt=\"<div>\">",
            "<svg><path d=\"M0 0\"/></svg>",
            "<div>text</div></span>",
        ] {
            let page = format!(
                "<html><body><table><tr><td><ul><dl><select>{}</select></dl></ul></table></body></html>",
                pat.repeat(3000)
            );
            assert!(too_deep(&page, MAX_NESTING).is_none(), "{pat}");
        }
    }

    /// The scan's depth stays close to the parsed tree's.
    #[test]
    fn scan_depth_follows_the_parser() {
        let pages = [
            "<html><body><div><ul><li><p>a<li><p>b</ul><table><tr><td><div>c<td>d<tr><td>e</table></div></body></html>",
            "<div><p>a<div>b</div><p>c<span><b>d</b></span></div>",
            "<ruby>a<rt>b<rp>c<rt>d</ruby><dl><dt>x<dd>y<dt>z<dd>w</dl>",
        ];
        for page in pages {
            let doc = Html::parse_document(page);
            // The document, html and body nodes are not counted by the scan.
            let real = doc
                .tree
                .nodes()
                .map(|n| n.ancestors().count())
                .max()
                .unwrap()
                - 3;
            let scanned = (1..100)
                .rev()
                .find(|&l| too_deep(page, l).is_some())
                .unwrap_or(0);
            assert!(
                scanned.abs_diff(real) <= 2,
                "{page}: scan {scanned}, tree {real}"
            );
        }
    }

    #[test]
    fn scripts_and_styles_are_emptied_but_json_ld_and_text_kept() {
        let page = "<html><head><script type=\"application/ld+json\">{\"headline\":\"H\"}</script>\
                    <STYLE>p { x: \"</p>\" }</STYLE></head><body><!-- <script> --><p>One</p>\
                    <script>var s = '<p>not text</p>';</script><p>Two</p><scripts>kept</scripts></body></html>";
        let s = strip_scripts(page);
        assert!(s.contains("{\"headline\":\"H\"}"), "{s}");
        assert!(!s.contains("not text") && !s.contains("x: "), "{s}");
        assert!(
            s.contains("<!-- <script> -->") && s.contains("<scripts>kept</scripts>"),
            "{s}"
        );
        // Not elements: a tag inside another tag's name, inside a title.
        for page in [
            "<a<style>--></style>",
            "<title><script>T</script></title><p>x</p>",
        ] {
            assert_eq!(strip_scripts(page), page);
        }
        assert_eq!(
            body_paragraphs(&Html::parse_document(&s)),
            body_paragraphs(&Html::parse_document(page))
        );
        // Inline SVG: emptied up to its own end tag, nested ones counted;
        // self-closed or unclosed, left alone.
        let page = "<p>A<svg viewBox=\"0 0 9 9\"><svg><path d=\"M0\"/></svg><title>icon</title></SVG>B</p>";
        assert_eq!(
            strip_scripts(page),
            "<p>A<svg viewBox=\"0 0 9 9\"></SVG>B</p>"
        );
        // A tag that ends the `svg` (an HTML `p`, `div` ...) before its end
        // tag: left alone, the text after it is page text.
        for page in [
            "<p>A<svg/><p>B</p>",
            "<p>A<svg><path/>B</p>",
            "<svg><path/><p>Text</p></svg>",
        ] {
            assert_eq!(strip_scripts(page), page);
        }
        let plain = "<p>No scripts here.</p>";
        assert!(matches!(
            strip_scripts(plain),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    proptest::proptest! {
        /// Taking script and style content out never changes a page's text.
        #[test]
        fn stripping_scripts_keeps_the_text(s in "(<(p|div|script|style|b|br|title|textarea|noscript|svg|SVG|path)( type=\"[a-z/+<>]{0,12}\")?/?>|</(p|br|div|script|style|b|title|svg|Svg)>|<!--|-->|<!|<!\\[CDATA\\[|\\]\\]>|<\\?|</>|[a-z .<>/\"]{0,10}){0,40}") {
            let stripped = strip_scripts(&s);
            proptest::prop_assert_eq!(
                body_paragraphs(&Html::parse_document(&stripped)),
                body_paragraphs(&Html::parse_document(&s))
            );
        }

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

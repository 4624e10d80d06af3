//! storyline's own main-content extractor: text blocks scored by the
//! paragraph text they hold, on the page's one parsed tree.
//!
//! 1. The body is cut into text blocks (a paragraph, a heading, a list
//!    item, a table cell, a run of text between `<br>`s or in a `div`
//!    without `<p>`), as [`super::html::html_paragraphs`] cuts them, each
//!    with the share of its text inside links and the element that holds it.
//!    Subtrees that are never article text are skipped whole: navigation,
//!    asides, footers, forms' controls, hidden elements, ARIA landmarks of
//!    the page's chrome, and elements whose class or id names chrome
//!    (Readability's list of such words: comment, sidebar, related, share,
//!    footer, menu ...).
//! 2. The blocks of one holder are read as one paragraph (a `<p>` cut by
//!    `<br>`s, a code listing in `<pre>`), and each paragraph with enough
//!    text and few links scores its parent and, less, the parent's
//!    ancestors (Readability's rule; a `div` with no block inside is a
//!    paragraph, a holder that is not one, a list item or a cell, scores
//!    itself first, for less); scored elements get Readability's base
//!    score by tag (a `div` +5, a list −3); the best scorer, damped by its
//!    link density, climbs to an ancestor that scores more than the chain
//!    below it, or that holds it alone (Readability's climb), and is the
//!    article's container.
//! 3. The container grows while its parent holds much more prose than it
//!    does (an article cut into sections, a body in several containers),
//!    then takes in its siblings that score a fifth of it or are prose
//!    paragraphs (Readability's sibling rule), and every block under them
//!    is kept except link lists (menus, tag clouds, related links) and the
//!    repeats of a block met under another parent (an article rendered
//!    twice, a sign-up box repeated): headings, lists, captions and tables
//!    stay, the cleaner judges their lines.
//!
//! General rules only: nothing names a site.

use super::html::{body_root, is_block, push_collapsed};
use ego_tree::NodeId;
use ego_tree::iter::Edge;
use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};
use scraper::{Html, Node};
use std::sync::LazyLock;

/// Class and id words of chrome (Readability.js's `unlikelyCandidates`,
/// with the share, newsletter, cookie and promotion widgets of current
/// pages).
static UNLIKELY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)-ad-|ai2html|banner|breadcrumb|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|share|sharing|newsletter|subscribe|cookie|consent|modal|promo|advert|masthead|navbar|toolbar|byline|author-bio|skip-link|screen-reader|sr-only|visually-hidden",
    )
    .expect("valid regex")
});

/// Class and id words that keep an element despite [`UNLIKELY`]
/// (Readability.js's `okMaybeItsACandidate`).
static MAYBE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)and|article|body|column|content|main|mathjax|shadow|entry|post|story|text")
        .expect("valid regex")
});

/// Elements whose subtree is never article text.
fn is_skipped_tag(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "title"
            | "svg"
            | "math"
            | "object"
            | "nav"
            | "aside"
            | "footer"
            | "button"
            | "select"
            | "option"
            | "textarea"
            | "input"
            | "label"
            | "dialog"
            | "menu"
            | "iframe"
            | "canvas"
            | "video"
            | "audio"
            | "map"
    )
}

/// How sure it is that an element's subtree is chrome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Chrome {
    /// Not chrome.
    No,
    /// Chrome by its class or id: skipped unless that leaves too little.
    ByName,
    /// Chrome by its tag, ARIA role or hiding: never text.
    Certain,
}

/// Whether an element's subtree is chrome by its tag, attributes and
/// position (`header` outside an article is the page's header).
fn chrome(e: &scraper::node::Element, in_article: bool) -> Chrome {
    let tag = e.name();
    if is_skipped_tag(tag) || (tag == "header" && !in_article) {
        return Chrome::Certain;
    }
    let [hidden, aria_hidden, style, role, class, id] =
        attr_values(e, ["hidden", "aria-hidden", "style", "role", "class", "id"]);
    if is_hidden_by_attributes(hidden, aria_hidden, style, role) {
        return Chrome::Certain;
    }
    if matches!(tag, "body" | "html" | "article" | "main") {
        return Chrome::No;
    }
    let class = class.unwrap_or("");
    let id = id.unwrap_or("");
    if class.is_empty() && id.is_empty() {
        return Chrome::No;
    }
    let both = format!("{class} {id}");
    if UNLIKELY.is_match(&both) && !MAYBE.is_match(&both) {
        Chrome::ByName
    } else {
        Chrome::No
    }
}

/// The values of the named attributes of `e`, in one pass over its
/// attributes: scraper's `attr` interns the name and searches the
/// attributes anew on every call, and the density pass and the metadata
/// walk ask several of every element. A name is matched on its local part:
/// namespaced attributes (`xlink:role`, `xlink:type`) exist only on SVG and
/// MathML elements, which the density pass skips and whose content is
/// stripped before the parse.
pub(super) fn attr_values<'a, const N: usize>(
    e: &'a scraper::node::Element,
    names: [&str; N],
) -> [Option<&'a str>; N] {
    let mut out = [None; N];
    for (name, value) in e.attrs() {
        if let Some(k) = names.iter().position(|n| *n == name) {
            out[k].get_or_insert(value);
        }
    }
    out
}

/// Hidden by its attributes: `hidden`, `aria-hidden="true"`, an inline
/// style that hides it, or a landmark role of page chrome.
fn is_hidden_by_attributes(
    hidden: Option<&str>,
    aria_hidden: Option<&str>,
    style: Option<&str>,
    role: Option<&str>,
) -> bool {
    if hidden.is_some() || aria_hidden == Some("true") {
        return true;
    }
    if let Some(style) = style {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    role.is_some_and(|role| {
        matches!(
            role.trim().to_ascii_lowercase().as_str(),
            "navigation"
                | "banner"
                | "contentinfo"
                | "complementary"
                | "dialog"
                | "alertdialog"
                | "menu"
                | "menubar"
                | "search"
        )
    })
}

/// One text block of the page.
#[derive(Debug)]
struct Block {
    text: String,
    /// Characters (not spaces) of the text.
    chars: usize,
    /// Of those, characters inside links.
    link_chars: usize,
    /// The innermost block element around the text.
    holder: NodeId,
    /// The holder is a `p` (or `pre`, `blockquote`): prose by markup.
    paragraph: bool,
    /// Inside an element whose class or id names chrome.
    unlikely: bool,
    /// Commas (of any script) in the text.
    commas: usize,
}

impl Block {
    fn link_density(&self) -> f64 {
        self.link_chars as f64 / self.chars.max(1) as f64
    }

    /// Readability's paragraph score: text that reads as prose counts, by
    /// its length and its commas; short or link-heavy text does not.
    fn prose_score(&self) -> f64 {
        if self.chars < 25 || self.link_density() > 0.33 {
            return 0.0;
        }
        let s = 1.0 + self.commas as f64 + (self.chars as f64 / 100.0).min(3.0);
        if self.paragraph { s } else { s * 0.75 }
    }
}

/// Cuts the body into blocks, skipping chrome subtrees.
fn blocks(doc: &Html) -> Vec<Block> {
    let root = body_root(doc);
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut cur_link = 0usize;
    let mut skip_depth = 0usize;
    let mut link_depth = 0usize;
    let mut article_depth = 0usize;
    let mut pre_depth = 0usize;
    // Per open element: whether its class or id names chrome.
    let mut named: Vec<bool> = Vec::new();
    let mut unlikely = 0usize;
    // Open block elements (their ids), innermost last.
    let mut holders: Vec<(NodeId, bool)> = vec![(root.id(), false)];
    let flush = |cur: &mut String,
                 cur_link: &mut usize,
                 holders: &[(NodeId, bool)],
                 unlikely: usize,
                 out: &mut Vec<Block>| {
        let t = cur.trim();
        if !t.is_empty() {
            let (holder, paragraph) = holders.last().copied().unwrap_or((root.id(), false));
            out.push(Block {
                text: t.to_string(),
                chars: t.chars().filter(|c| !c.is_whitespace()).count(),
                link_chars: *cur_link,
                holder,
                paragraph,
                unlikely: unlikely > 0,
                commas: t.matches([',', '，', '、', '،']).count(),
            });
        }
        cur.clear();
        *cur_link = 0;
    };
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    let verdict = if skip_depth > 0 {
                        Chrome::Certain
                    } else {
                        chrome(e, article_depth > 0)
                    };
                    if verdict == Chrome::Certain {
                        skip_depth += 1;
                        continue;
                    }
                    named.push(verdict == Chrome::ByName);
                    unlikely += usize::from(verdict == Chrome::ByName);
                    let name = e.name();
                    match name {
                        "a" => link_depth += 1,
                        "article" | "main" => article_depth += 1,
                        "pre" => pre_depth += 1,
                        _ => {}
                    }
                    if is_block(name) {
                        flush(&mut cur, &mut cur_link, &holders, unlikely, &mut out);
                        if !matches!(name, "br" | "hr" | "img") {
                            let prose = matches!(name, "p" | "pre" | "blockquote");
                            holders.push((node.id(), prose));
                        }
                    }
                }
                Node::Text(t) if skip_depth == 0 => {
                    let before = cur.len();
                    if pre_depth > 0 {
                        for (k, line) in t.split('\n').enumerate() {
                            if k > 0 && line.trim().is_empty() {
                                flush(&mut cur, &mut cur_link, &holders, unlikely, &mut out);
                            }
                            push_collapsed(&mut cur, line);
                            push_collapsed(&mut cur, " ");
                        }
                    } else {
                        push_collapsed(&mut cur, t);
                    }
                    if link_depth > 0 {
                        cur_link += cur[before.min(cur.len())..]
                            .chars()
                            .filter(|c| !c.is_whitespace())
                            .count();
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    if skip_depth > 0 {
                        skip_depth -= 1;
                        continue;
                    }
                    if named.pop() == Some(true) {
                        unlikely = unlikely.saturating_sub(1);
                    }
                    let name = e.name();
                    match name {
                        "a" => link_depth = link_depth.saturating_sub(1),
                        "article" | "main" => article_depth = article_depth.saturating_sub(1),
                        "pre" => pre_depth = pre_depth.saturating_sub(1),
                        _ => {}
                    }
                    if is_block(name) {
                        flush(&mut cur, &mut cur_link, &holders, unlikely, &mut out);
                        if !matches!(name, "br" | "hr" | "img") && holders.len() > 1 {
                            holders.pop();
                        }
                    }
                }
            }
        }
    }
    flush(&mut cur, &mut cur_link, &holders, unlikely, &mut out);
    out
}

/// Per element: the prose score it gathers, and its text and link
/// characters.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    score: f64,
    prose: f64,
    chars: usize,
    link_chars: usize,
}

/// A block is a link list entry (menu, tag, related link) rather than text.
fn is_link_list(b: &Block) -> bool {
    b.link_density() > 0.5
}

/// The main content of a parsed page as paragraphs, or nothing when the
/// page has no prose.
pub fn density_paragraphs(doc: &Html) -> Vec<String> {
    density(doc).paragraphs
}

/// What the density extractor found on a page.
#[derive(Debug, Default)]
pub struct Density {
    /// The main content, one paragraph per entry.
    pub paragraphs: Vec<String>,
    /// Words in the prose blocks of the whole page (chrome skipped): how
    /// much article text the page can hold at most.
    pub page_prose_words: usize,
    /// The container grew past the best-scoring element to an ancestor
    /// with at least twice its prose (step 3): the one choice that can take
    /// in a stream of teasers or a sidebar with the article.
    pub grew: bool,
}

/// Prose words of blocks.
fn prose_words<'a>(blocks: impl Iterator<Item = &'a Block>) -> usize {
    blocks
        .filter(|b| b.prose_score() > 0.0)
        .map(|b| b.text.split_whitespace().count())
        .sum()
}

/// Least text (characters) an article has: with less, the class and id
/// rule took too much and the page is read again without it (Readability's
/// retry).
pub(super) const MIN_ARTICLE_CHARS: usize = 500;

/// The density extractor's main content and the page's prose.
pub fn density(doc: &Html) -> Density {
    let blocks = blocks(doc);
    let likely = select(doc, &blocks, |b| !b.unlikely);
    let chars: usize = likely.kept.iter().map(|&i| blocks[i].chars).sum();
    let (chosen, page_prose_words) = if chars >= MIN_ARTICLE_CHARS {
        (likely, prose_words(blocks.iter().filter(|b| !b.unlikely)))
    } else {
        (select(doc, &blocks, |_| true), prose_words(blocks.iter()))
    };
    let Selection { kept, grew } = chosen;
    let mut blocks: Vec<Option<Block>> = blocks.into_iter().map(Some).collect();
    Density {
        paragraphs: kept
            .into_iter()
            .filter_map(|i| blocks[i].take().map(|b| b.text))
            .collect(),
        page_prose_words,
        grew,
    }
}

/// The blocks [`select`] keeps, and whether its container grew.
#[derive(Debug, Default)]
struct Selection {
    kept: Vec<usize>,
    grew: bool,
}

/// One holder's text, read as one paragraph (Readability scores a `<p>` by
/// its whole text, `<br>`s and all, and a `<pre>` as one block).
#[derive(Debug, Default, Clone, Copy)]
struct Held {
    chars: usize,
    link_chars: usize,
    commas: usize,
    paragraph: bool,
}

/// Block elements that make a `div` a container rather than a paragraph
/// (Readability's `DIV_TO_P_ELEMS`, with the sectioning elements).
fn holds_blocks(tag: &str) -> bool {
    matches!(
        tag,
        "blockquote"
            | "dl"
            | "div"
            | "img"
            | "ol"
            | "p"
            | "pre"
            | "table"
            | "ul"
            | "section"
            | "article"
    )
}

/// Whether a holder reads as a paragraph: a `p`, `pre` or `blockquote`, or
/// a `div` (`section`, `article`) whose text has no block element under it
/// (Readability turns such a `div` into a `p`).
fn reads_as_paragraph(node: ego_tree::NodeRef<'_, Node>, paragraph: bool) -> bool {
    if paragraph {
        return true;
    }
    let Node::Element(e) = node.value() else {
        return false;
    };
    matches!(e.name(), "div" | "section" | "article")
        && !node
            .descendants()
            .skip(1)
            .any(|d| matches!(d.value(), Node::Element(e) if holds_blocks(e.name())))
}

/// An element's score damped by its link density.
fn damped(t: &Tally) -> f64 {
    t.score * (1.0 - t.link_chars as f64 / t.chars.max(1) as f64)
}

/// The indexes of the article's blocks among those `usable`.
fn select(doc: &Html, blocks: &[Block], usable: impl Fn(&Block) -> bool) -> Selection {
    let mut tally: FxHashMap<NodeId, Tally> = FxHashMap::default();
    let mut held: FxHashMap<NodeId, Held> = FxHashMap::default();
    for b in blocks.iter().filter(|b| usable(b)) {
        let prose = if b.prose_score() > 0.0 {
            b.chars as f64
        } else {
            0.0
        };
        let Some(node) = doc.tree.get(b.holder) else {
            continue;
        };
        let h = held.entry(b.holder).or_default();
        h.chars += b.chars;
        h.link_chars += b.link_chars;
        h.commas += b.commas;
        h.paragraph = b.paragraph;
        for anc in std::iter::once(node).chain(node.ancestors()) {
            let t = tally.entry(anc.id()).or_default();
            t.chars += b.chars;
            t.link_chars += b.link_chars;
            t.prose += prose;
        }
    }
    // Readability's scores: each paragraph (enough text, few links) scores
    // its parent whole, its grandparent half, further ancestors a third
    // per level, five levels at most. A holder that is not a paragraph (a
    // list item, a cell, a `div` with text beside blocks) scores itself
    // first, at three quarters; a list item at half that (lists are more
    // often teasers or data than the article's prose).
    let mut held: Vec<(NodeId, Held)> = held.into_iter().collect();
    held.sort_unstable_by_key(|h| h.0);
    for (id, h) in held {
        if h.chars < 25 || h.link_chars as f64 > 0.33 * h.chars as f64 {
            continue;
        }
        let Some(node) = doc.tree.get(id) else {
            continue;
        };
        let mut score = 1.0 + h.commas as f64 + (h.chars as f64 / 100.0).min(3.0);
        let paragraph = reads_as_paragraph(node, h.paragraph);
        if !paragraph {
            score *= 0.75;
            if matches!(node.value(), Node::Element(e) if e.name() == "li") {
                score *= 0.5;
            }
        }
        for (level, anc) in std::iter::once(node)
            .chain(node.ancestors())
            .skip(usize::from(paragraph))
            .take(5)
            .enumerate()
        {
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            tally.entry(anc.id()).or_default().score += score / div;
        }
    }
    // Readability's base scores by tag (`initializeNode`): a scored `div`
    // (or sectioning element) is more likely the article's container than
    // a list or a cell.
    for (id, t) in tally.iter_mut().filter(|(_, t)| t.score > 0.0) {
        if let Some(Node::Element(e)) = doc.tree.get(*id).map(|n| n.value()) {
            t.score += tag_base(e.name());
        }
    }
    let best = tally
        .iter()
        .filter(|(_, t)| t.score > 0.0)
        .map(|(&id, t)| (id, damped(t)))
        .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)));
    let Some((top, _)) = best else {
        return Selection::default();
    };
    let mut top = climb(doc, &tally, top);
    // Grow: an article in several sections or containers has its prose
    // spread over siblings; an ancestor that holds at least twice the
    // container's prose becomes the container (wrappers that add little,
    // a byline or a caption, are passed through). A sidebar or a footer
    // holds less prose than the article, so it does not make it grow.
    let prose_of = |id: NodeId| tally.get(&id).map_or(0.0, |t| t.prose);
    let mut cursor = top;
    let mut grew = false;
    while let Some(parent) = doc.tree.get(cursor).and_then(|n| n.parent()) {
        if !matches!(parent.value(), Node::Element(_)) {
            break;
        }
        cursor = parent.id();
        if prose_of(cursor) >= prose_of(top) * GROW {
            top = cursor;
            grew = true;
        }
    }
    // Readability's siblings: a sibling of the container that scores a
    // fifth of it (at least 10: a second section of the article), or a
    // paragraph of prose with few links, is kept with it.
    let mut roots: FxHashSet<NodeId> = FxHashSet::default();
    roots.insert(top);
    if let Some(parent) = doc.tree.get(top).and_then(|n| n.parent()) {
        let floor = (tally.get(&top).map_or(0.0, damped) * 0.2).max(10.0);
        for c in parent.children().filter(|c| c.id() != top) {
            let Some(t) = tally.get(&c.id()) else {
                continue;
            };
            let ld = t.link_chars as f64 / t.chars.max(1) as f64;
            let prose_p = matches!(c.value(), Node::Element(e) if e.name() == "p")
                && ld < 0.25
                && t.chars > 80;
            if damped(t) >= floor || prose_p {
                roots.insert(c.id());
            }
        }
    }
    let under = |id: NodeId| {
        doc.tree.get(id).is_some_and(|n| {
            roots.contains(&n.id()) || n.ancestors().any(|a| roots.contains(&a.id()))
        })
    };
    // Keep every usable block under the container but link lists; a block
    // of some length met again under another parent (a page that renders
    // its article twice, a sign-up box repeated) is kept once.
    let mut seen: FxHashMap<&str, Option<NodeId>> = FxHashMap::default();
    let parent_of = |b: &Block| {
        doc.tree
            .get(b.holder)
            .and_then(|n| n.parent())
            .map(|n| n.id())
    };
    let kept = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| usable(b) && !is_link_list(b) && under(b.holder))
        .filter(|(_, b)| {
            if b.chars < MIN_REPEAT_CHARS {
                return true;
            }
            let parent = parent_of(b);
            *seen.entry(b.text.as_str()).or_insert(parent) == parent
        })
        .map(|(i, _)| i)
        .collect();
    Selection { kept, grew }
}

/// Readability's base score of a scored element by its tag
/// (`initializeNode`, without the heading penalty).
fn tag_base(tag: &str) -> f64 {
    match tag {
        "div" | "article" | "section" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "ol" | "ul" | "dl" | "li" | "dd" | "dt" | "form" | "address" => -3.0,
        _ => 0.0,
    }
}

/// Readability's climb from the best scorer: going up, the first ancestor
/// that scores more than the one below it becomes the container (its
/// paragraphs are spread over children that each score less), unless the
/// chain first drops below a third of the best score; then, while the
/// container is its parent's only element, the parent holds the same and
/// is the container.
fn climb(doc: &Html, tally: &FxHashMap<NodeId, Tally>, mut top: NodeId) -> NodeId {
    let score_of = |id: NodeId| tally.get(&id).map(damped);
    // An element under `<body>` (the climb stops below it).
    let inside = |n: &ego_tree::NodeRef<'_, Node>| matches!(n.value(), Node::Element(e) if !matches!(e.name(), "body" | "html"));
    let mut last = score_of(top).unwrap_or(0.0);
    let threshold = last / 3.0;
    let mut cursor = doc.tree.get(top).and_then(|n| n.parent());
    while let Some(parent) = cursor.filter(inside) {
        if let Some(score) = score_of(parent.id()) {
            if score < threshold {
                break;
            }
            if score > last {
                top = parent.id();
                break;
            }
            last = score;
        }
        cursor = parent.parent();
    }
    while let Some(parent) = doc.tree.get(top).and_then(|n| n.parent()) {
        if !inside(&parent) || parent.children().filter(|c| c.value().is_element()).count() != 1 {
            break;
        }
        top = parent.id();
    }
    top
}

/// Shortest block (characters) that is dropped when it repeats under
/// another parent: shorter ones (labels, figures in a table) repeat in
/// articles too.
const MIN_REPEAT_CHARS: usize = 20;

/// How much more prose an ancestor must hold than the container for the
/// container to grow to it.
const GROW: f64 = 2.0;

#[cfg(test)]
mod tests {
    use super::*;

    fn extract(html: &str) -> Vec<String> {
        density_paragraphs(&Html::parse_document(html))
    }

    const PROSE: &str = "The council voted on Tuesday to expand the city's bus network, adding \
        four routes that will connect the northern suburbs to the centre, officials said.";

    /// Page builders name the article's own wrappers with chrome words
    /// ("sidebar-layout", "header-offset"): when the class rule leaves too
    /// little, the page is read again without it (Readability's retry).
    #[test]
    fn an_article_in_wrappers_named_like_chrome_is_still_found() {
        let html = format!(
            "<html><body><nav><a href=/>Home</a></nav>\
             <div class=\"sidebar-layout\"><div class=\"header-offset\">\
             <p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></div></div>\
             <div class=\"menu\"><a href=/a>A link</a> <a href=/b>Another link</a></div>\
             </body></html>"
        );
        let p = extract(&html);
        assert_eq!(p.len(), 4, "{p:?}");
        assert!(p.iter().all(|l| l == PROSE), "{p:?}");
    }

    #[test]
    fn prose_container_is_found_and_chrome_dropped() {
        let html = format!(
            "<html><body><nav><a href=/>Home</a> <a href=/w>World</a></nav>\
             <div class=main><h1>Buses</h1><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></div>\
             <div class=sidebar><p>Most read: something else entirely, and more of it here.</p></div>\
             <footer>Copyright 2021 The Paper</footer></body></html>"
        );
        let p = extract(&html);
        assert_eq!(p.first().map(String::as_str), Some("Buses"));
        assert_eq!(p.len(), 4, "{p:?}");
        assert!(
            !p.iter()
                .any(|l| l.contains("Copyright") || l.contains("Most read"))
        );
    }

    /// Distinct paragraphs (a repeated one under another parent is dropped).
    fn para(i: usize) -> String {
        format!("<p>{PROSE} Paragraph {i} of the report.</p>")
    }

    /// An article in two sections, each in its own `div`: the second,
    /// shorter one is kept with the first (Readability's base score of a
    /// `div` lifts it over the sibling floor).
    #[test]
    fn a_second_shorter_section_is_kept() {
        let html = format!(
            "<html><body><article><h1>Buses</h1><div>{}{}{}</div>\
             <h2>Next year</h2><div>{}{}</div></article></body></html>",
            para(1),
            para(2),
            para(3),
            para(4),
            para(5)
        );
        let p = extract(&html);
        assert!(p.iter().any(|l| l.contains("Paragraph 5 ")), "{p:?}");
        assert_eq!(p.iter().filter(|l| l.contains("Paragraph")).count(), 5);
    }

    /// An article whose intro, body and "read more" part sit in different
    /// wrappers: the best scorer is the "read more" part, and its
    /// grandparent, which scores more than its parent, is the article
    /// (Readability's climb); the sidebar stays out.
    #[test]
    fn the_container_climbs_to_an_ancestor_that_scores_more() {
        let html = format!(
            "<html><body><div class=story><div class=story-body>\
             <div class=intro>{}</div>{}{}{}\
             <div class=read-more><div class=read-more-content>{}{}{}{}{}{}</div></div>\
             </div><div class=sidebar><p>Most read: something else entirely, and more of it here.</p></div>\
             </div></body></html>",
            para(0),
            para(1),
            para(2),
            para(3),
            para(4),
            para(5),
            para(6),
            para(7),
            para(8),
            para(9)
        );
        let p = extract(&html);
        assert_eq!(p.len(), 10, "{p:?}");
        assert!(p[0].contains("Paragraph 0 "), "{p:?}");
    }
}

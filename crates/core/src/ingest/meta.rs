//! Page metadata from meta tags and JSON-LD, and date strings as metadata
//! states them.

use super::density::attr_values;
use crate::model::{DateSource, Published};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use scraper::{ElementRef, Html};
use serde_json::Value;
use std::collections::HashMap;

/// Metadata found in a page's head and structured data.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PageMeta {
    /// The headline.
    pub title: Option<String>,
    /// When it was published.
    pub published: Option<Published>,
    /// The outlet's name.
    pub site_name: Option<String>,
    /// The language tag (`en`, `pt-BR`).
    pub language: Option<String>,
    /// The canonical URL.
    pub url: Option<String>,
}

/// JSON-LD `@type`s that describe an article (preferred over other types).
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "ScholarlyArticle",
    "TechArticle",
    "Report",
    "SocialMediaPosting",
];

/// Meta tag names (`name`, `property` or `itemprop`, lower-cased) that give
/// the publication time, best first.
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "dcterms.issued",
    "dcterms.created",
    "dcterms.date",
    "dc.date.issued",
    "dc.date",
    "dc:date",
    "citation_publication_date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "date",
    "article.published",
    "og:published_time",
    "weibo:article:create_at",
];

const TITLE_KEYS: &[&str] = &[
    "dc:title",
    "dc.title",
    "dcterms.title",
    "og:title",
    "twitter:title",
    "parsely-title",
    "headline",
    "sailthru.title",
];

const SITE_KEYS: &[&str] = &[
    "og:site_name",
    "application-name",
    "publisher",
    "dc.publisher",
];

/// The elements the metadata is read from, found in one walk over the
/// page (each `select` of a selector walked the whole page again: eight
/// walks per page). Each list is in the order `Html::select` gives, and
/// holds what the CSS selector in its comment matches, case rules included
/// (`type` and `rel` values are ASCII case-insensitive on HTML elements).
#[derive(Default)]
struct Elements<'a> {
    /// `meta`
    metas: Vec<ElementRef<'a>>,
    /// `[itemprop=datePublished][datetime]`
    itemprop_dates: Vec<ElementRef<'a>>,
    /// `time[pubdate][datetime], time.published[datetime], time.entry-date[datetime]`
    pubdate_times: Vec<ElementRef<'a>>,
    /// `script[type="application/ld+json"]`
    json_ld: Vec<ElementRef<'a>>,
    /// `link[rel=canonical]`
    canonical: Vec<ElementRef<'a>>,
    /// `title`
    titles: Vec<ElementRef<'a>>,
    /// `h1`
    h1s: Vec<ElementRef<'a>>,
}

impl<'a> Elements<'a> {
    fn of(doc: &'a Html) -> Self {
        let mut found = Elements::default();
        for e in doc.tree.nodes().filter_map(ElementRef::wrap) {
            let el = e.value();
            let html = &*el.name.ns == "http://www.w3.org/1999/xhtml";
            let [datetime, itemprop, pubdate, kind, rel] =
                attr_values(el, ["datetime", "itemprop", "pubdate", "type", "rel"]);
            // An attribute value compared as the selector would.
            let value_is = |value: Option<&str>, want: &str| {
                value.is_some_and(|v| {
                    if html {
                        v.eq_ignore_ascii_case(want)
                    } else {
                        v == want
                    }
                })
            };
            let datetime = datetime.is_some();
            if datetime && itemprop == Some("datePublished") {
                found.itemprop_dates.push(e);
            }
            match el.name() {
                "meta" => found.metas.push(e),
                "time"
                    if datetime
                        && (pubdate.is_some()
                            || el.classes().any(|c| c == "published" || c == "entry-date")) =>
                {
                    found.pubdate_times.push(e)
                }
                "script" if value_is(kind, "application/ld+json") => found.json_ld.push(e),
                "link" if value_is(rel, "canonical") => found.canonical.push(e),
                "title" => found.titles.push(e),
                "h1" => found.h1s.push(e),
                _ => {}
            }
        }
        found
    }
}

/// Reads a parsed page's metadata. `url` (the page's address, when known)
/// is used when the page declares no canonical URL.
pub fn page_meta(doc: &Html, url: Option<&str>) -> PageMeta {
    let found = Elements::of(doc);
    let metas = meta_values(&found);
    let ld = json_ld(&found);
    let get = |keys: &[&str]| -> Option<String> {
        keys.iter()
            .find_map(|k| metas.get(*k).and_then(|v| clean(v)))
    };

    let title = choose_title(&found, &ld, &metas, get(SITE_KEYS).as_deref());

    let published = ld
        .iter()
        .filter_map(|o| str_field(o, "datePublished"))
        .chain(PUBLISHED_KEYS.iter().filter_map(|k| metas.get(*k).cloned()))
        .chain(time_pubdate(&found))
        // `dateCreated` is often when the record was made, not the article.
        .chain(ld.iter().filter_map(|o| str_field(o, "dateCreated")))
        .find_map(|s| parse_date(&s, DateSource::Metadata));

    let site_name = get(&["og:site_name"])
        .or_else(|| ld.iter().find_map(|o| o.get("publisher").and_then(name_of)))
        .or_else(|| get(SITE_KEYS));

    let language = doc
        .root_element()
        .attr("lang")
        .or_else(|| doc.root_element().attr("xml:lang"))
        .and_then(clean)
        .or_else(|| get(&["content-language", "language", "dc.language", "og:locale"]))
        .or_else(|| ld.iter().find_map(|o| str_field(o, "inLanguage")))
        .map(|l| l.replace('_', "-"));

    let canonical = found.canonical.iter().find_map(|e| {
        e.attr("href")
            .filter(|h| h.starts_with("http"))
            .map(str::to_string)
    });
    let url = canonical
        .or_else(|| get(&["og:url"]).filter(|u| u.starts_with("http")))
        .or_else(|| url.map(str::to_string));

    PageMeta {
        title,
        published,
        site_name,
        language,
        url,
    }
}

/// Every `<meta>` value by lower-cased `name`, `property`, `itemprop` or
/// `http-equiv`; the first occurrence wins.
fn meta_values(found: &Elements) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for m in &found.metas {
        let Some(content) = m.attr("content") else {
            continue;
        };
        for attr in ["property", "name", "itemprop", "http-equiv"] {
            if let Some(keys) = m.attr(attr) {
                // `property` may hold several space-separated names.
                for k in keys.split_whitespace() {
                    out.entry(k.to_ascii_lowercase())
                        .or_insert_with(|| content.to_string());
                }
            }
        }
    }
    if let Some(v) = found.itemprop_dates.iter().find_map(|e| e.attr("datetime")) {
        out.entry("datepublished".into())
            .or_insert_with(|| v.to_string());
    }
    out
}

/// `<time pubdate datetime=...>` and similar in the body.
fn time_pubdate(found: &Elements) -> Option<String> {
    found
        .pubdate_times
        .iter()
        .find_map(|e| e.attr("datetime").map(str::to_string))
}

/// The JSON-LD objects of a page, article types first.
fn json_ld(found: &Elements) -> Vec<Value> {
    let mut objs = Vec::new();
    for script in &found.json_ld {
        let text: String = script.text().collect();
        let text = text
            .trim()
            .trim_start_matches("<![CDATA[")
            .trim_end_matches("]]>")
            .trim();
        if let Ok(v) = serde_json::from_str::<Value>(text) {
            flatten_ld(v, &mut objs, 0);
        }
    }
    objs.sort_by_key(|o| !is_article(o));
    objs
}

fn flatten_ld(v: Value, out: &mut Vec<Value>, depth: usize) {
    if depth > 4 {
        return;
    }
    match v {
        Value::Array(a) => a.into_iter().for_each(|x| flatten_ld(x, out, depth + 1)),
        Value::Object(mut o) => {
            if let Some(g) = o.remove("@graph") {
                flatten_ld(g, out, depth + 1);
            }
            if o.contains_key("@type") {
                out.push(Value::Object(o));
            }
        }
        _ => {}
    }
}

fn is_article(o: &Value) -> bool {
    let t = |s: &str| ARTICLE_TYPES.contains(&s);
    match o.get("@type") {
        Some(Value::String(s)) => t(s),
        Some(Value::Array(a)) => a.iter().any(|x| x.as_str().is_some_and(t)),
        _ => false,
    }
}

fn str_field(o: &Value, key: &str) -> Option<String> {
    match o.get(key)? {
        Value::String(s) => clean(s),
        Value::Array(a) => a.iter().find_map(|x| x.as_str().and_then(clean)),
        _ => None,
    }
}

fn name_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => clean(s),
        Value::Object(_) => str_field(v, "name"),
        Value::Array(a) => a.iter().find_map(name_of),
        _ => None,
    }
}

/// Trims, collapses whitespace and decodes the entities that survive in
/// attribute values taken from JSON; `None` when nothing is left.
fn clean(s: &str) -> Option<String> {
    let s = s
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// The headline: the first metadata title (JSON-LD `headline` or `name`,
/// then meta tags) that shares at least half its words with the page's
/// `<title>` (JSON-LD and meta tags sometimes hold a description or the
/// site's name instead); the first one when none does; else `<title>`
/// without the site name; else the first `<h1>`.
fn choose_title(
    found: &Elements,
    ld: &[Value],
    metas: &HashMap<String, String>,
    site: Option<&str>,
) -> Option<String> {
    let mut candidates: Vec<String> = Vec::new();
    for o in ld
        .iter()
        .filter(|o| is_article(o))
        .chain(ld.iter().filter(|o| !is_article(o)).take(0))
    {
        candidates.extend(str_field(o, "headline"));
        candidates.extend(str_field(o, "name"));
    }
    candidates.extend(
        TITLE_KEYS
            .iter()
            .filter_map(|k| metas.get(*k).and_then(|v| clean(v))),
    );
    let page_title = first_text(&found.titles);
    if let Some(t) = &page_title {
        let words = word_set(t);
        let overlaps = |c: &String| {
            let cw = word_set(c);
            !cw.is_empty() && 2 * cw.iter().filter(|w| words.contains(*w)).count() >= cw.len()
        };
        if let Some(c) = candidates.iter().find(|c| overlaps(c)) {
            return Some(c.clone());
        }
    }
    candidates
        .into_iter()
        .next()
        .or_else(|| page_title.map(|t| strip_site_from_title(&t, site)))
        .or_else(|| first_text(&found.h1s))
}

fn word_set(s: &str) -> std::collections::HashSet<String> {
    use unicode_segmentation::UnicodeSegmentation;
    s.unicode_words().map(str::to_lowercase).collect()
}

/// The first of `elements` with text.
fn first_text(elements: &[ElementRef]) -> Option<String> {
    elements
        .iter()
        .find_map(|e| clean(&e.text().collect::<String>()))
}

/// Separators between a headline and the site name in `<title>`.
const TITLE_SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " » ", " / ", " · ", " • ",
];

/// Removes a site name from a `<title>`: the segment after the last (or
/// before the first) separator when it is the site name, or, without a
/// known site name, when the rest still has at least three words.
fn strip_site_from_title(title: &str, site: Option<&str>) -> String {
    let norm = |s: &str| s.trim().to_lowercase();
    for sep in TITLE_SEPARATORS {
        if let Some(i) = title.rfind(sep) {
            let (head, tail) = (&title[..i], &title[i + sep.len()..]);
            if site.is_some_and(|s| norm(s) == norm(tail)) {
                return head.trim().to_string();
            }
            if let Some(j) = title.find(sep) {
                let (first, rest) = (&title[..j], &title[j + sep.len()..]);
                if site.is_some_and(|s| norm(s) == norm(first)) {
                    return rest.trim().to_string();
                }
            }
            if site.is_none()
                && head.split_whitespace().count() >= 3
                && tail.split_whitespace().count() <= 4
            {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// The host of an absolute URL, lower-cased, without `www.`, port or user:
/// the outlet when nothing names it. `None` for anything else.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (host.contains('.') && !host.starts_with('.')).then(|| host.to_string())
}

/// Parses a date as metadata states it: ISO 8601 / RFC 3339 (with or
/// without time and offset), RFC 2822, `YYYY/MM/DD`, `Month D, YYYY`,
/// `D Month YYYY`, or a Unix timestamp in seconds or milliseconds. The time
/// is kept as stated (local to the page's offset, which is dropped). Years
/// outside 1900..=2100 are refused.
pub fn parse_date(s: &str, how: DateSource) -> Option<Published> {
    let raw = s.trim();
    if raw.is_empty() || raw.len() > 64 {
        return None;
    }
    let (date, time) = parse_date_time(raw)?;
    if !(1900..=2100).contains(&chrono::Datelike::year(&date)) {
        return None;
    }
    Some(Published {
        date,
        time,
        how,
        evidence: raw.to_string(),
    })
}

fn parse_date_time(raw: &str) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let with_offset = |dt: DateTime<FixedOffset>| Some((dt.date_naive(), Some(dt.time())));
    // A trailing `Z` or ` UTC` is an offset of zero.
    let s = raw
        .strip_suffix(" UTC")
        .or_else(|| raw.strip_suffix(" GMT"))
        .map(|r| format!("{r}+0000"))
        .unwrap_or_else(|| match raw.strip_suffix(['Z', 'z']) {
            Some(r) if r.contains(':') => format!("{r}+0000"),
            _ => raw.to_string(),
        });
    if let Ok(dt) = DateTime::parse_from_rfc3339(&s) {
        return with_offset(dt);
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%z",
        "%Y-%m-%d %H:%M:%S %z",
        "%Y-%m-%d %H:%M%z",
        "%Y-%m-%d %H:%M %z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(&s, f) {
            return with_offset(dt);
        }
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(raw) {
        return with_offset(dt);
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(raw, f) {
            return Some((dt.date(), Some(dt.time())));
        }
    }
    for f in [
        "%Y-%m-%d",
        "%Y/%m/%d",
        "%Y.%m.%d",
        "%Y%m%d",
        "%B %d, %Y",
        "%b %d, %Y",
        "%b. %d, %Y",
        "%d %B %Y",
        "%d %b %Y",
        "%A, %B %d, %Y",
        "%a, %d %b %Y",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(raw, f) {
            return Some((d, None));
        }
    }
    // A date followed by anything else ("2020-01-10T..." we could not read).
    if raw.len() > 10
        && raw.is_char_boundary(10)
        && let Ok(d) = NaiveDate::parse_from_str(&raw[..10], "%Y-%m-%d")
    {
        return Some((d, None));
    }
    if raw.bytes().all(|b| b.is_ascii_digit()) && (9..=13).contains(&raw.len()) {
        let n: i64 = raw.parse().ok()?;
        let secs = if raw.len() >= 12 { n / 1000 } else { n };
        let dt = DateTime::from_timestamp(secs, 0)?;
        return Some((dt.date_naive(), Some(dt.time())));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        parse_date(s, DateSource::Metadata).map(|p| p.iso())
    }

    #[test]
    fn dates_in_the_forms_metadata_uses() {
        assert_eq!(
            iso("2015-07-10T09:53:00-04:00").as_deref(),
            Some("2015-07-10T09:53")
        );
        assert_eq!(
            iso("2021-11-01T10:52:50+0100").as_deref(),
            Some("2021-11-01T10:52")
        );
        assert_eq!(iso("2018-04-05T06:00").as_deref(), Some("2018-04-05T06:00"));
        assert_eq!(
            iso("2016-12-22T18:43:37.123Z").as_deref(),
            Some("2016-12-22T18:43")
        );
        assert_eq!(iso("2016-12-22").as_deref(), Some("2016-12-22"));
        assert_eq!(
            iso("Fri, 10 Jan 2020 17:36:00 GMT").as_deref(),
            Some("2020-01-10T17:36")
        );
        assert_eq!(iso("January 9, 2020").as_deref(), Some("2020-01-09"));
        assert_eq!(iso("1578677760").as_deref(), Some("2020-01-10T17:36"));
        assert_eq!(iso("not a date"), None);
        assert_eq!(iso("0001-01-01"), None);
        assert_eq!(iso(""), None);
    }

    #[test]
    fn json_ld_wins_and_graphs_are_searched() {
        let html = r#"<html lang="de"><head><title>Ignored - Site</title>
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Site"},
              {"@type":"NewsArticle","headline":"Real &amp; headline","datePublished":"2019-05-02T08:00:00+02:00",
               "publisher":{"@type":"Organization","name":"The Site"}}]}</script>
            </head><body></body></html>"#;
        let m = page_meta(&Html::parse_document(html), None);
        assert_eq!(m.title.as_deref(), Some("Real & headline"));
        assert_eq!(m.published.unwrap().iso(), "2019-05-02T08:00");
        assert_eq!(m.site_name.as_deref(), Some("The Site"));
        assert_eq!(m.language.as_deref(), Some("de"));
    }

    #[test]
    fn title_tag_loses_the_site_name() {
        assert_eq!(
            strip_site_from_title("Rain floods the valley | Gazette", Some("Gazette")),
            "Rain floods the valley"
        );
        assert_eq!(
            strip_site_from_title("Gazette - Rain floods the valley", Some("Gazette")),
            "Rain floods the valley"
        );
        assert_eq!(
            strip_site_from_title("Rain floods the valley | Gazette", None),
            "Rain floods the valley"
        );
        assert_eq!(
            strip_site_from_title("Q&A - Part two", None),
            "Q&A - Part two"
        );
    }

    #[test]
    fn hosts_of_urls() {
        assert_eq!(
            host_of("https://www.News.example.com:443/a/b?c").as_deref(),
            Some("news.example.com")
        );
        assert_eq!(
            host_of("http://user@site.example/x").as_deref(),
            Some("site.example")
        );
        assert_eq!(host_of("/relative/path"), None);
        assert_eq!(host_of("https://localhost/"), None);
    }

    proptest::proptest! {
        #[test]
        fn parse_date_never_panics(s in "\\PC{0,40}") {
            let _ = parse_date(&s, DateSource::Metadata);
        }
    }
}

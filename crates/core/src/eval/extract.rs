//! HTML main-content extraction quality: token-level F1 of the extracted
//! text against a reference text, and title / publication-time accuracy
//! against reference metadata.
//!
//! The loader reads two layouts: Mozilla Readability's test pages (one
//! folder per page with `source.html`, `expected.html` and
//! `expected-metadata.json`), and the extraction-wceb layout (an
//! `index.jsonl` naming each page's HTML, gzipped or not, and its
//! reference text). Each is scored with its own tokens ([`Tokens`]): the
//! wceb layout with the ones of its `score.py`, so that the figures agree.

use crate::ingest::html::{Extractor, extract_html, html_paragraphs};
use crate::ingest::{decode_html, meta::parse_date};
use crate::model::DateSource;
use crate::{Error, Result};
use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};
use unicode_segmentation::UnicodeSegmentation;

/// Precision, recall and F1 of one comparison.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct Prf {
    /// Share of extracted tokens that are in the reference.
    pub precision: f64,
    /// Share of reference tokens that were extracted.
    pub recall: f64,
    /// Harmonic mean of the two.
    pub f1: f64,
}

/// How a text is cut into the tokens that are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tokens {
    /// Unicode words (UAX #29), lower-cased: "don't" and "3.5" are one
    /// token each. The Readability pages' metric.
    #[default]
    UnicodeWords,
    /// Lower-cased runs of letters, digits and `_`: Python's `\w+` on
    /// `text.lower()`, as the scrapinghub benchmark and extraction-wceb's
    /// `score.py` count ("don't" is two tokens).
    WordRuns,
}

/// The tokens of a text as compared: Unicode words, lower-cased.
pub fn tokens(text: &str) -> Vec<String> {
    tokens_by(text, Tokens::UnicodeWords)
}

/// Python's `\w`: a letter or number of any script (its `str.isalnum()`),
/// or `_`.
static WORD_RUN: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"[\p{L}\p{N}_]+").expect("valid regex"));

/// The tokens of a text under a rule.
pub fn tokens_by(text: &str, rule: Tokens) -> Vec<String> {
    match rule {
        Tokens::UnicodeWords => text.unicode_words().map(str::to_lowercase).collect(),
        Tokens::WordRuns => {
            let lower = text.to_lowercase();
            WORD_RUN
                .find_iter(&lower)
                .map(|m| m.as_str().to_string())
                .collect()
        }
    }
}

/// Token-level precision, recall and F1 of `extracted` against `reference`,
/// counting tokens as a multiset (a word extracted twice but present once
/// counts once). Two empty texts agree perfectly.
pub fn token_prf(extracted: &str, reference: &str) -> Prf {
    token_prf_by(extracted, reference, Tokens::UnicodeWords)
}

/// [`token_prf`] with the tokens of `rule`. With [`Tokens::WordRuns`] an
/// empty extraction scores 0 even against an empty reference, as
/// `score.py` does.
pub fn token_prf_by(extracted: &str, reference: &str, rule: Tokens) -> Prf {
    let mut counts: FxHashMap<String, i64> = FxHashMap::default();
    let mut n_ref = 0usize;
    for t in tokens_by(reference, rule) {
        *counts.entry(t).or_default() += 1;
        n_ref += 1;
    }
    let mut n_ext = 0usize;
    let mut hits = 0usize;
    for t in tokens_by(extracted, rule) {
        n_ext += 1;
        if let Some(c) = counts.get_mut(&t)
            && *c > 0
        {
            *c -= 1;
            hits += 1;
        }
    }
    if n_ref == 0 && n_ext == 0 && rule == Tokens::UnicodeWords {
        return Prf {
            precision: 1.0,
            recall: 1.0,
            f1: 1.0,
        };
    }
    let precision = if n_ext == 0 {
        0.0
    } else {
        hits as f64 / n_ext as f64
    };
    let recall = if n_ref == 0 {
        0.0
    } else {
        hits as f64 / n_ref as f64
    };
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Prf {
        precision,
        recall,
        f1,
    }
}

/// One test page.
#[derive(Debug, Clone)]
pub struct TestPage {
    /// The folder name (Readability layout) or the page id (wceb layout).
    pub name: String,
    /// The page as fetched (gzipped when the name ends in `.gz`).
    pub source: PathBuf,
    /// The reference main content as text, one paragraph per line.
    pub expected_text: String,
    /// The reference title.
    pub expected_title: Option<String>,
    /// The reference publication time, as the data states it.
    pub expected_published: Option<String>,
    /// How this data set's texts are compared.
    pub tokens: Tokens,
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.to_path_buf();
    move |source| Error::Io { path, source }
}

/// Loads a data set: the extraction-wceb layout when `dir` holds an
/// `index.jsonl`, else Readability's test pages layout.
pub fn load_pages(dir: &Path) -> Result<Vec<TestPage>> {
    if dir.join("index.jsonl").is_file() {
        load_indexed(dir)
    } else {
        load_folders(dir)
    }
}

/// Loads every page folder under `dir` (sorted by name). A folder without
/// `source.html` or `expected.html` is skipped; unreadable files are errors.
fn load_folders(dir: &Path) -> Result<Vec<TestPage>> {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io_err(dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("source.html").is_file() && p.join("expected.html").is_file())
        .collect();
    folders.sort();
    let mut pages = Vec::with_capacity(folders.len());
    for f in folders {
        let expected_path = f.join("expected.html");
        let bytes = std::fs::read(&expected_path).map_err(io_err(&expected_path))?;
        let expected = decode_html(&bytes, None)
            .map(|d| d.text)
            .unwrap_or_default();
        let meta_path = f.join("expected-metadata.json");
        let (title, published) = match std::fs::read(&meta_path) {
            Ok(b) => {
                let v: serde_json::Value = serde_json::from_slice(&b)?;
                let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
                (s("title"), s("publishedTime"))
            }
            Err(_) => (None, None),
        };
        pages.push(TestPage {
            name: f
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            source: f.join("source.html"),
            expected_text: html_paragraphs(&expected).join("\n"),
            expected_title: title,
            expected_published: published,
            tokens: Tokens::UnicodeWords,
        });
    }
    Ok(pages)
}

/// One line of an extraction-wceb `index.jsonl`.
#[derive(serde::Deserialize)]
struct IndexLine {
    id: String,
    html: String,
    truth: String,
    title: Option<String>,
    published: Option<String>,
}

/// Loads the pages an `index.jsonl` lists, in its order: `html` and
/// `truth` are paths relative to `dir`; the reference text is the truth
/// file as it is.
fn load_indexed(dir: &Path) -> Result<Vec<TestPage>> {
    let index_path = dir.join("index.jsonl");
    let index = std::fs::read_to_string(&index_path).map_err(io_err(&index_path))?;
    let mut pages = Vec::new();
    for line in index.lines().filter(|l| !l.trim().is_empty()) {
        let e: IndexLine = serde_json::from_str(line)?;
        let truth_path = dir.join(&e.truth);
        let expected_text = std::fs::read_to_string(&truth_path).map_err(io_err(&truth_path))?;
        pages.push(TestPage {
            name: e.id,
            source: dir.join(&e.html),
            expected_text,
            expected_title: e.title.filter(|t| !t.trim().is_empty()),
            expected_published: e.published.filter(|t| !t.trim().is_empty()),
            tokens: Tokens::WordRuns,
        });
    }
    Ok(pages)
}

/// A page's bytes as fetched: gunzipped when its name ends in `.gz`.
fn read_source(path: &Path) -> Result<Vec<u8>> {
    let bytes = std::fs::read(path).map_err(io_err(path))?;
    if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(&bytes[..]), &mut out)
            .map_err(io_err(path))?;
        Ok(out)
    } else {
        Ok(bytes)
    }
}

/// The result on one page.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PageResult {
    /// The folder name.
    pub name: String,
    /// Token scores of the extracted text.
    pub text: Prf,
    /// Reference title.
    pub expected_title: Option<String>,
    /// Title found.
    pub title: Option<String>,
    /// Whether they match (whitespace and case aside); `None` without a reference.
    pub title_ok: Option<bool>,
    /// Reference publication time.
    pub expected_published: Option<String>,
    /// Publication time found (ISO 8601).
    pub published: Option<String>,
    /// Whether the date (and the time, where the reference has one) match;
    /// `None` without a reference.
    pub published_ok: Option<bool>,
    /// True when the extractor found nothing and the whole body was used.
    pub fallback: bool,
    /// The page's size in bytes (after gunzip).
    pub bytes: usize,
    /// Seconds spent on the page: decoding, extraction and, for the cleaned
    /// stage, cleaning (reading the file not counted).
    pub seconds: f64,
    /// The text that was scored.
    #[serde(skip)]
    pub scored: String,
}

/// Totals over all pages.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ExtractReport {
    /// The extractor measured.
    pub extractor: Extractor,
    /// What text was scored.
    pub stage: Stage,
    /// Per page.
    pub pages: Vec<PageResult>,
    /// Mean precision, recall and F1 over pages.
    pub mean: Prf,
    /// Pages with a reference title, and how many matched.
    pub titles: (usize, usize),
    /// Pages with a reference publication time, and how many matched.
    pub dates: (usize, usize),
    /// Pages without a reference time where one was found anyway.
    pub extra_dates: usize,
    /// Bytes of HTML measured (after gunzip).
    pub bytes: usize,
    /// Seconds summed over pages: the time one thread would take.
    pub seconds: f64,
    /// Wall-clock seconds of the (parallel) run, reading files included.
    pub wall_seconds: f64,
}

impl ExtractReport {
    /// Pages per second on one thread.
    pub fn pages_per_second(&self) -> f64 {
        self.pages.len() as f64 / self.seconds.max(1e-9)
    }

    /// Megabytes (10^6 bytes) of HTML per second on one thread.
    pub fn mb_per_second(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.seconds.max(1e-9)
    }
}

fn norm_title(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether a found publication time matches the reference: the same
/// instant when both state an offset (a page may give UTC in one place and
/// local time in another), else the same date and, where the reference has
/// one, the same hour and minute.
fn same_time(expected: &str, found: Option<&crate::model::Published>) -> bool {
    let Some(found) = found else { return false };
    let offset = |s: &str| {
        let s = s.trim();
        chrono::DateTime::parse_from_rfc3339(s)
            .or_else(|_| chrono::DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%z"))
            .or_else(|_| chrono::DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f%z"))
            .ok()
    };
    if let (Some(a), Some(b)) = (offset(expected), offset(&found.evidence)) {
        return a == b;
    }
    let Some(want) = parse_date(expected, DateSource::Metadata) else {
        return false;
    };
    let hm = |t: Option<chrono::NaiveTime>| t.map(|t| t.format("%H:%M").to_string());
    want.date == found.date && (want.time.is_none() || hm(want.time) == hm(found.time))
}

/// What text is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// The extractor's main text, as the reader hands it on.
    #[default]
    Extracted,
    /// The article body after the cleaner has dropped chrome lines.
    Cleaned,
}

/// Scores one page.
pub fn evaluate_page(page: &TestPage, extractor: Extractor) -> Result<PageResult> {
    evaluate_page_at(page, extractor, Stage::Extracted)
}

/// Scores one page at a stage.
pub fn evaluate_page_at(page: &TestPage, extractor: Extractor, stage: Stage) -> Result<PageResult> {
    let bytes = read_source(&page.source)?;
    let started = std::time::Instant::now();
    let html = decode_html(&bytes, None)
        .map(|d| d.text)
        .unwrap_or_default();
    let got = extract_html(&html, None, extractor);
    let extracted = got.paragraphs.join("\n\n");
    let scored = match stage {
        Stage::Extracted => extracted,
        Stage::Cleaned => {
            let mut raw = crate::ingest::RawDoc::text(page.name.clone(), extracted);
            raw.format = crate::ingest::InputFormat::Html;
            raw.title = got.meta.title.clone();
            raw.published = got.meta.published.clone();
            crate::clean::clean(&raw).body
        }
    };
    let seconds = started.elapsed().as_secs_f64();
    let text = token_prf_by(&scored, &page.expected_text, page.tokens);
    let title = got.meta.title.clone();
    let title_ok = page
        .expected_title
        .as_ref()
        .map(|e| norm_title(title.as_deref().unwrap_or("")) == norm_title(e));
    let published = got.meta.published.as_ref().map(|p| p.iso());
    let published_ok = page
        .expected_published
        .as_ref()
        .map(|e| same_time(e, got.meta.published.as_ref()));
    Ok(PageResult {
        name: page.name.clone(),
        text,
        expected_title: page.expected_title.clone(),
        title,
        title_ok,
        expected_published: page.expected_published.clone(),
        published,
        published_ok,
        fallback: got.fallback,
        bytes: bytes.len(),
        seconds,
        scored,
    })
}

/// Scores every page with one extractor (pages in parallel).
pub fn evaluate(pages: &[TestPage], extractor: Extractor) -> Result<ExtractReport> {
    evaluate_at(pages, extractor, Stage::Extracted)
}

/// Scores every page with one extractor at a stage (pages in parallel).
pub fn evaluate_at(
    pages: &[TestPage],
    extractor: Extractor,
    stage: Stage,
) -> Result<ExtractReport> {
    use rayon::prelude::*;
    let started = std::time::Instant::now();
    let results: Vec<PageResult> = pages
        .par_iter()
        .map(|p| evaluate_page_at(p, extractor, stage))
        .collect::<Result<_>>()?;
    let wall_seconds = started.elapsed().as_secs_f64();
    let n = results.len().max(1) as f64;
    let mean = Prf {
        precision: results.iter().map(|r| r.text.precision).sum::<f64>() / n,
        recall: results.iter().map(|r| r.text.recall).sum::<f64>() / n,
        f1: results.iter().map(|r| r.text.f1).sum::<f64>() / n,
    };
    let count = |f: fn(&PageResult) -> Option<bool>| {
        let with: Vec<bool> = results.iter().filter_map(f).collect();
        (with.len(), with.iter().filter(|&&b| b).count())
    };
    let titles = count(|r| r.title_ok);
    let dates = count(|r| r.published_ok);
    let extra_dates = results
        .iter()
        .filter(|r| r.expected_published.is_none() && r.published.is_some())
        .count();
    Ok(ExtractReport {
        extractor,
        stage,
        bytes: results.iter().map(|r| r.bytes).sum(),
        seconds: results.iter().map(|r| r.seconds).sum(),
        wall_seconds,
        pages: results,
        mean,
        titles,
        dates,
        extra_dates,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f1_counts_tokens_as_a_multiset() {
        let p = token_prf("the cat the cat", "The cat sat");
        assert!((p.precision - 0.5).abs() < 1e-9);
        assert!((p.recall - 2.0 / 3.0).abs() < 1e-9);
        assert!((p.f1 - 2.0 * 0.5 * (2.0 / 3.0) / (0.5 + 2.0 / 3.0)).abs() < 1e-9);
        assert_eq!(token_prf("", "").f1, 1.0);
        assert_eq!(token_prf("", "words here").f1, 0.0);
        assert_eq!(token_prf("Same, words.", "same words").f1, 1.0);
    }

    /// The wceb tokens are Python's `re.findall(r'\w+', text.lower())`,
    /// as its score.py counts them (checked against Python 3.11).
    #[test]
    fn word_runs_are_pythons_word_tokens() {
        assert_eq!(
            tokens_by(
                "Don't pay $3.50 — naïve_user ПРИВЕТ 東京 x²",
                Tokens::WordRuns
            ),
            [
                "don",
                "t",
                "pay",
                "3",
                "50",
                "naïve_user",
                "привет",
                "東京",
                "x²"
            ]
        );
        let p = token_prf_by("", "", Tokens::WordRuns);
        assert_eq!(p.f1, 0.0);
    }

    #[test]
    fn indexed_pages_load_gzipped_and_score() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("html")).unwrap();
        std::fs::create_dir(dir.path().join("truth")).unwrap();
        let body = "<p>The harbour light was lit again on Friday after forty dark years, \
                    paid for by three winters of concerts, raffles and bake sales.</p>\
                    <p>Fishing crews said the beam would make the narrow entrance safer on \
                    stormy nights, when the rocks at its mouth are hard to see.</p>\
                    <p>The volunteers plan to open the tower to visitors in the summer, with \
                    the old keeper's logbooks on show in the room below the lamp.</p>";
        let page = format!(
            "<html><head><title>Light</title></head><body><nav>Home | News</nav>\
             <article>{body}</article></body></html>"
        );
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(page.as_bytes()).unwrap();
        std::fs::write(dir.path().join("html/a.html.gz"), gz.finish().unwrap()).unwrap();
        std::fs::write(
            dir.path().join("truth/a.txt"),
            html_paragraphs(body).join("\n"),
        )
        .unwrap();
        std::fs::write(
            dir.path().join("index.jsonl"),
            r#"{"id": "a", "html": "html/a.html.gz", "truth": "truth/a.txt", "title": "Light", "published": null}"#,
        )
        .unwrap();
        let pages = load_pages(dir.path()).unwrap();
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].tokens, Tokens::WordRuns);
        let r = evaluate_at(&pages, Extractor::default(), Stage::Cleaned).unwrap();
        assert!(r.mean.f1 > 0.99, "{:?}", r.mean);
        assert_eq!(r.bytes, page.len());
        assert!(r.pages[0].scored.contains("keeper's logbooks"));
    }

    #[test]
    fn pages_load_and_score() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("one");
        std::fs::create_dir(&page).unwrap();
        let body: String = [
            "Residents of the harbour town gathered on the quay to watch the old lighthouse being lit again.",
            "The light had been dark for forty years after the keeper retired and the lamp was removed.",
            "Volunteers raised the money for a new lamp over three winters of concerts and raffles.",
            "Fishing crews said the beam would make the narrow entrance safer on stormy nights.",
            "The mayor thanked the volunteers and promised to keep the light burning every night.",
        ]
        .iter()
        .map(|p| format!("<p>{p}</p>"))
        .collect();
        std::fs::write(
            page.join("source.html"),
            format!(
                "<html><head><title>Light returns</title>\
                 <meta property=\"article:published_time\" content=\"2020-02-03T10:00:00Z\"></head>\
                 <body><nav>Home | News | Sport</nav><article>{body}</article></body></html>"
            ),
        )
        .unwrap();
        std::fs::write(page.join("expected.html"), format!("<div>{body}</div>")).unwrap();
        std::fs::write(
            page.join("expected-metadata.json"),
            r#"{"title":"Light returns","publishedTime":"2020-02-03T10:00:00Z"}"#,
        )
        .unwrap();
        let pages = load_pages(dir.path()).unwrap();
        assert_eq!(pages.len(), 1);
        let r = evaluate(&pages, Extractor::Readability).unwrap();
        assert!(r.mean.f1 > 0.95, "{:?}", r.mean);
        assert_eq!(r.titles, (1, 1));
        assert_eq!(r.dates, (1, 1));
        let c = evaluate_at(&pages, Extractor::Readability, Stage::Cleaned).unwrap();
        assert!(c.mean.f1 > 0.9, "{:?}", c.mean);
    }
}

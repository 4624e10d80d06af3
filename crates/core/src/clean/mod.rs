//! The `clean` stage: turns a [`RawDoc`] into an [`Article`].
//!
//! Works line by line: each line is either body, the title, or dropped with
//! a [`DropReason`]. Finds title, standfirst, publication date and
//! dateline. The body keeps the original text byte for byte (no quote or
//! Unicode rewriting), so that every byte offset into it maps back to the
//! input through [`Paragraph::source_offset`].

pub mod dateline;
pub mod rules;
pub mod wrap;

use crate::ingest::{InputFormat, RawDoc, stable_id};
use crate::model::{Article, DateSource, DropReason, DroppedLine, Paragraph, Published, Span};
use crate::text::content_stems_shared;
use rules::{classify_line, is_wholly_quoted, looks_like_heading};
use rustc_hash::FxHashSet;
use std::sync::Arc;

/// Lower-cased letters and digits only: for comparing a line with the title.
fn squash(s: &str) -> String {
    squashed(s).collect()
}

/// The characters of [`squash`], lazily: every line is compared with the
/// title, and most differ within a few characters.
fn squashed(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_lowercase())
}

/// What the cleaner decided for one line.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Verdict {
    Blank,
    Title,
    Body,
    Drop(DropReason),
}

/// True when `line`, the only body line left, is the article's whole text
/// (its first sentence stands in for the title) rather than its headline.
fn is_whole_text(verdicts: &[Verdict], line: &str) -> bool {
    // One line left is all there is. A long one is a paragraph; a short one
    // that ends as a sentence does (a tweet-like excerpt, a one-line wire
    // flash) is one too: taking it as the title would leave an empty body
    // and lose the text. So is one that ends in a link, as posts do
    // ("Fed raises rates by 0.75 points https://t.co/x"): headlines do not.
    // A short line without a sentence's end is a headline.
    let words: Vec<&str> = line.split_whitespace().collect();
    let sentence_end = words
        .last()
        .and_then(|w| w.chars().last())
        .is_some_and(|c| {
            matches!(
                c,
                '.' | '!' | '?' | '…' | '"' | '\u{201D}' | '\u{2019}' | ')'
            )
        });
    let link_end = words.len() >= 4
        && words
            .last()
            .is_some_and(|w| w.starts_with("https://") || w.starts_with("http://"));
    verdicts.iter().filter(|v| **v == Verdict::Body).count() == 1
        && (words.len() > 25 || (sentence_end && words.len() >= 3) || link_end)
}

/// An article body assembled from its paragraphs: joined by a blank line,
/// each paragraph's span recorded, the dateline taken off the first.
#[derive(Debug, Default)]
pub(crate) struct BodyBuilder {
    /// The body so far.
    pub text: String,
    /// Its paragraphs.
    pub paragraphs: Vec<Paragraph>,
    /// The first paragraph's dateline place, when it had one.
    pub dateline: Option<String>,
}

impl BodyBuilder {
    /// Adds a paragraph from input line `line`, starting at byte `source`
    /// of the input when the body maps back to it.
    pub fn push(&mut self, text: &str, line: usize, source: Option<usize>) {
        let (mut text, mut source) = (text, source);
        if self.paragraphs.is_empty()
            && let Some((place, len)) = dateline::find_dateline(text)
        {
            self.dateline = Some(place);
            text = &text[len..];
            source = source.map(|s| s + len);
        }
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        self.text.push_str(text);
        self.paragraphs.push(Paragraph {
            span: Span::new(start, self.text.len()),
            line,
            source_offset: source,
        });
    }
}

/// Cleans one raw document.
pub fn clean(raw: &RawDoc) -> Article {
    let lines = wrap::text_lines(&raw.text);
    let mut verdicts: Vec<Verdict> = lines
        .iter()
        .map(|l| {
            if l.text.is_empty() {
                Verdict::Blank
            } else {
                Verdict::Body
            }
        })
        .collect();

    // 1. Chrome recognizable from the line alone, and date lines.
    let mut text_date = None;
    for (i, l) in lines.iter().enumerate() {
        if verdicts[i] == Verdict::Blank {
            continue;
        }
        if let Some(reason) = classify_line(&l.text) {
            verdicts[i] = Verdict::Drop(reason);
        } else if let Some(d) = dateline::parse_date_line(&l.text) {
            verdicts[i] = Verdict::Drop(DropReason::DateLine);
            if text_date.is_none() {
                text_date = Some((d, l.text.to_string()));
            }
        }
    }

    // 2. Title: from metadata, else the first remaining non-empty line.
    let mut title_in_body = None;
    let title = match raw
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        Some(t) => t.to_string(),
        None => match verdicts.iter().position(|v| *v == Verdict::Body) {
            Some(i) if is_whole_text(&verdicts, &lines[i].text) => {
                // The whole text is one long paragraph (a JSONL record
                // without a title, say): it stays the body, and its first
                // sentence stands in for the title.
                title_in_body = Some(i);
                let text = &*lines[i].text;
                crate::text::split_paragraph(text)
                    .first()
                    .map_or(text, |s| &text[s.start..s.end])
                    .to_string()
            }
            Some(i) => {
                verdicts[i] = Verdict::Title;
                lines[i].text.to_string()
            }
            None => String::new(),
        },
    };
    let title_key = squash(&title);
    if !title_key.is_empty() {
        for (i, l) in lines.iter().enumerate() {
            if title_in_body != Some(i)
                && verdicts[i] == Verdict::Body
                && squashed(&l.text).eq(title_key.chars())
            {
                verdicts[i] = Verdict::Drop(DropReason::RepeatedTitle);
            }
        }
    }

    // A text that is nothing but its title (a tweet-like record whose
    // headline is its whole text) keeps it as the body: the title alone
    // never empties a record.
    if !verdicts.contains(&Verdict::Body)
        && let Some(i) = verdicts
            .iter()
            .position(|v| *v == Verdict::Drop(DropReason::RepeatedTitle))
    {
        verdicts[i] = Verdict::Body;
    }

    // 3. Standfirst: the first body-like line after the title, when the page
    // header goes on after it (a date, a reading-time widget, a caption
    // follow) or when the body restates it later.
    let body_idx: Vec<usize> = (0..lines.len())
        .filter(|&i| verdicts[i] == Verdict::Body)
        .collect();
    let mut standfirst = None;
    if let Some(&first) = body_idx.first() {
        let header_follows = lines
            .iter()
            .enumerate()
            .skip(first + 1)
            .find(|(i, _)| verdicts[*i] != Verdict::Blank)
            .is_some_and(|(i, _)| {
                matches!(
                    verdicts[i],
                    Verdict::Drop(
                        DropReason::DateLine
                            | DropReason::ReadingTime
                            | DropReason::PhotoCaption
                            | DropReason::Boilerplate
                            | DropReason::RepeatedTitle
                    )
                )
            });
        let words = lines[first].text.split_whitespace().count();
        let restated = body_idx.len() > 2 && words >= 6 && {
            let mut stems = Vec::new();
            content_stems_shared(&lines[first].text, &mut stems);
            let stems: FxHashSet<Arc<str>> = stems.into_iter().collect();
            // Each later line's stems are counted against the first's (a
            // stem once), with the buffers reused: this runs over the whole
            // body of every page.
            let (mut later, mut seen) = (Vec::new(), FxHashSet::default());
            stems.len() >= 5
                && body_idx[1..].iter().any(|&j| {
                    later.clear();
                    seen.clear();
                    content_stems_shared(&lines[j].text, &mut later);
                    let shared = later
                        .iter()
                        .filter(|s| stems.contains(*s) && seen.insert(Arc::clone(s)))
                        .count();
                    shared * 10 >= stems.len() * 7
                })
        };
        if body_idx.len() > 1 && words >= 6 && (header_follows || restated) {
            verdicts[first] = Verdict::Drop(DropReason::Standfirst);
            standfirst = Some(lines[first].text.to_string());
        }
    }

    // 4. Section headings inside the body: short, unpunctuated lines with body
    // after them; a short wholly quoted line counts when the body repeats
    // its words (a pull quote used as a heading). Not in HTML pages: there
    // the extractor chose the article's blocks from the markup, and its
    // headings, list items and table cells are part of the article (the
    // text stage flags heading-like sentences, which summaries skip).
    let body_idx: Vec<usize> = if raw.format == InputFormat::Html {
        Vec::new()
    } else {
        (0..lines.len())
            .filter(|&i| verdicts[i] == Verdict::Body)
            .collect()
    };
    for (k, &i) in body_idx.iter().enumerate() {
        let is_last = k + 1 == body_idx.len();
        if is_last || k == 0 {
            continue;
        }
        let t = &*lines[i].text;
        if !looks_like_heading(t) {
            continue;
        }
        if is_wholly_quoted(t) {
            let inner = squash(t);
            let repeated = body_idx
                .iter()
                .filter(|&&j| j != i)
                .any(|&j| squash(&lines[j].text).contains(&inner));
            if !repeated {
                continue;
            }
        }
        verdicts[i] = Verdict::Drop(DropReason::SectionHeading);
    }

    // 5. Assemble body paragraphs, stripping a dateline from the first.
    let mut body = BodyBuilder::default();
    let mut dropped = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        match verdicts[i] {
            Verdict::Blank | Verdict::Title => {}
            Verdict::Drop(reason) => dropped.push(DroppedLine {
                line: l.no,
                text: l.text.to_string(),
                reason,
            }),
            Verdict::Body => body.push(&l.text, l.no, Some(l.start)),
        }
    }

    let published = raw.published.clone().or_else(|| {
        text_date.map(|((date, time), evidence)| Published {
            date,
            time,
            how: DateSource::Text,
            evidence,
        })
    });
    let id = raw
        .id
        .clone()
        .unwrap_or_else(|| stable_id(raw.source.as_deref(), &raw.path));
    Article {
        id,
        source: raw.source.clone(),
        path: raw.path.clone(),
        title,
        standfirst,
        published,
        dateline: body.dateline,
        language: raw.language.clone().unwrap_or_else(|| "en".to_string()),
        body: body.text,
        paragraphs: body.paragraphs,
        dropped,
        decoded_as: raw.decoded_as.clone(),
    }
}

/// Gives articles without a publication date the story's date: the date
/// most of the dated articles share (ties: the earliest). Marked
/// [`DateSource::Inferred`], with the reason in `evidence`.
pub fn infer_missing_dates(articles: &mut [Article]) {
    let mut counts: Vec<(chrono::NaiveDate, usize)> = Vec::new();
    for a in articles.iter() {
        if let Some(p) = &a.published {
            match counts.iter_mut().find(|(d, _)| *d == p.date) {
                Some((_, n)) => *n += 1,
                None => counts.push((p.date, 1)),
            }
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let Some(&(date, n)) = counts.first() else {
        return;
    };
    let dated = counts.iter().map(|c| c.1).sum::<usize>();
    for a in articles.iter_mut().filter(|a| a.published.is_none()) {
        a.published = Some(Published {
            date,
            time: None,
            how: DateSource::Inferred,
            evidence: format!(
                "no date in the article; {n} of the story's {dated} dated article(s) are from {date}"
            ),
        });
    }
}

#[cfg(test)]
mod tests;

/// Words of article text in a cleaned article, counted up to `cap`:
/// standfirst and body sentences (Unicode sentence bounds) that are not
/// page notices ([`rules::is_page_notice`]). An article with too few of
/// them is a page that carries no story of its own (a login wall, an
/// embedded tweet, an archive's capture notice). Counting stops at `cap`,
/// so the cost does not grow with the article.
pub fn article_words(article: &Article, cap: usize) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    let mut n = 0;
    for text in [article.standfirst.as_deref().unwrap_or(""), &article.body] {
        for s in text.split_sentence_bounds() {
            if n >= cap {
                return cap;
            }
            if !rules::is_page_notice(s) {
                n += s.unicode_words().count();
            }
        }
    }
    n.min(cap)
}

//! Sentence splitting: `sentencex` finds candidate boundaries (it knows
//! English abbreviations such as "U.S.", "Dr.", "Jan. 5"); the repairs
//! below handle what news text adds: exclamations inside a quotation that
//! continues ("'Stop! Stop!' they shouted"), attributions after a closing
//! quote, and fragments that start in lower case.

use crate::model::{Article, Sentence, SentenceFlags, Span};

/// Splits every body paragraph of an article into sentences.
pub fn split_sentences(article: &Article) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (pi, p) in article.paragraphs.iter().enumerate() {
        let text = article.paragraph_text(p);
        for span in split_paragraph(text) {
            let s = &text[span.start..span.end];
            out.push(Sentence {
                paragraph: pi,
                span: Span::new(p.span.start + span.start, p.span.start + span.end),
                line: p.line,
                text: s.to_string(),
                flags: flags_of(s),
            });
        }
    }
    out
}

fn flags_of(s: &str) -> SentenceFlags {
    // One pass over the bytes (this runs for every sentence): a double
    // quote, " '" and "' " both, a leading "'", or a curly single quote.
    let b = s.as_bytes();
    let (mut double, mut curly_single) = (false, false);
    let (mut space_quote, mut quote_space) = (false, false);
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'"' => double = true,
            // “ ” (E2 80 9C/9D) and ‘ (E2 80 98)
            0xE2 if b.get(i + 1) == Some(&0x80) => match b.get(i + 2) {
                Some(0x9C | 0x9D) => double = true,
                Some(0x98) => curly_single = true,
                _ => {}
            },
            b'\'' => {
                if i > 0 && b[i - 1] == b' ' {
                    space_quote = true;
                }
                if b.get(i + 1) == Some(&b' ') {
                    quote_space = true;
                }
            }
            _ => {}
        }
    }
    let quote = double || space_quote && quote_space || s.starts_with('\'') || curly_single;
    let unterminated = !super::super::clean::rules::ends_like_sentence(s);
    SentenceFlags {
        quote,
        heading: unterminated && s.split_whitespace().count() <= 8,
        unterminated,
    }
}

/// Lower-case abbreviations that sentencex may take for a sentence end
/// when a number or a capitalized time word follows ("approx. 5",
/// "11 p.m. Tuesday").
const ABBREVIATIONS: &[&str] = &[
    "approx.", "est.", "ca.", "vs.", "incl.", "excl.", "no.", "nos.", "vol.", "fig.", "p.", "pp.",
];
const TIME_WORDS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "ET",
    "EST",
    "EDT",
    "GMT",
    "UTC",
    "BST",
    "CET",
    "PT",
    "PST",
    "PDT",
    "local",
    "Eastern",
    "Pacific",
    "Central",
];

fn abbreviation_continues(before: &str, frag: &str) -> bool {
    // Every abbreviation below ends with a full stop.
    if !before.ends_with('.') {
        return false;
    }
    let last = before
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_lowercase();
    let next = frag
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let next_is_digit = frag.chars().next().is_some_and(|c| c.is_ascii_digit());
    (ABBREVIATIONS.contains(&last.as_str()) && next_is_digit)
        || ((last == "a.m." || last == "p.m.") && TIME_WORDS.contains(&next))
}

/// Number of double-quote marks still open at the end of `s` (straight
/// quotes alternate; curly ones open and close explicitly).
fn open_quotes(s: &str) -> i32 {
    let mut depth = 0i32;
    for c in s.chars() {
        match c {
            '“' | '«' => depth += 1,
            '”' | '»' => depth = (depth - 1).max(0),
            '"' => depth = if depth > 0 { depth - 1 } else { 1 },
            _ => {}
        }
    }
    depth
}

/// Splits one paragraph into sentence spans (byte ranges, trimmed).
pub fn split_paragraph(text: &str) -> Vec<Span> {
    let mut spans: Vec<Span> = sentencex::get_sentence_boundaries("en", text)
        .into_iter()
        .map(|b| trim_span(text, Span::new(b.start_byte, b.end_byte)))
        .filter(|s| !s.is_empty())
        .collect();
    if spans.is_empty() && !text.trim().is_empty() {
        spans.push(trim_span(text, Span::new(0, text.len())));
    }
    // Repairs: merge a fragment into the one before it when it cannot start
    // a sentence.
    let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        let frag = &text[s.start..s.end];
        let join = match merged.last() {
            None => false,
            Some(prev) => {
                let before = &text[prev.start..prev.end];
                let first = frag.chars().next().unwrap_or(' ');
                let starts_lower = first.is_lowercase();
                let starts_closing = matches!(first, ',' | ';' | ')' | ']' | '”' | '’');
                // "'Stop! Stop!' they shouted": still inside a quotation
                // that closes in this fragment and is followed by lower case.
                let inside_quote = open_quotes(before) > 0 && closes_then_lower(frag);
                starts_lower && !before.ends_with("...") && !before.ends_with('…')
                    || starts_closing
                    || inside_quote
                    || abbreviation_continues(before, frag)
            }
        };
        match (join, merged.last_mut()) {
            (true, Some(prev)) => prev.end = s.end,
            _ => merged.push(s),
        }
    }
    merged
}

/// The fragment closes a double quote and the next word is lower case
/// ("... America!" protesters cried").
fn closes_then_lower(frag: &str) -> bool {
    for (i, c) in frag.char_indices() {
        if matches!(c, '"' | '”' | '»') {
            let rest = frag[i + c.len_utf8()..].trim_start_matches([',', ' ']);
            return rest.chars().next().is_some_and(|n| n.is_lowercase());
        }
    }
    false
}

fn trim_span(text: &str, s: Span) -> Span {
    let piece = &text[s.start..s.end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    Span::new(s.start + lead, s.end - trail)
}

#[cfg(test)]
mod tests;

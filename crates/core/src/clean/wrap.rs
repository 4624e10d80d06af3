//! Lines of plain text, with hard-wrapped paragraphs joined.
//!
//! Wire copy, e-mail and many newswire corpora break every line at a fixed
//! width (70–80 characters) and mark paragraphs with a blank line or an
//! indent. Read line by line, each wrapped line would be a paragraph of its
//! own and every sentence that runs over a line end would be cut in two.
//!
//! Written here because no crate we know of does this: `textwrap` wraps
//! and fills text but does not recognize a wrap it did not make. The test
//! is the one text reflowers use: a line break is a wrap when the next
//! line's first word would not have fitted on the line (so the writer or
//! program had to break there). The wrap width is estimated from the text
//! itself, and the rule applies only where the text as a whole looks
//! wrapped, never to texts whose lines are whole paragraphs (web pages,
//! most JSONL records).

use std::borrow::Cow;

/// Wrap widths outside this range are not taken as a wrap: narrower lines
/// are lists or menus, wider lines are whole paragraphs.
const WIDTH_RANGE: std::ops::RangeInclusive<usize> = 40..=120;

/// How far past the estimated width a wrapped text's lines may run (the
/// estimate is a percentile, not the true width).
const WIDTH_SLACK: usize = 8;

/// Share of the line breaks between two non-blank lines that must be
/// wraps for the text to count as hard-wrapped.
const MIN_WRAP_SHARE: f64 = 0.25;

/// One line of a text, or several consecutive lines of a hard-wrapped
/// paragraph joined into one.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine<'a> {
    /// 1-based number of the (first) line.
    pub no: usize,
    /// Byte offset of `text` in the whole text.
    pub start: usize,
    /// The line, trimmed. A joined paragraph is the input from its first
    /// line's first to its last line's last non-blank byte, each line
    /// break read as a space: byte for byte as long as the input, so that
    /// an offset into it maps back to the input by adding `start`.
    pub text: Cow<'a, str>,
}

/// The lines of `text` (split at `\n`, a trailing `\r` dropped), with the
/// lines of hard-wrapped paragraphs joined.
pub fn text_lines(text: &str) -> Vec<TextLine<'_>> {
    let mut raw: Vec<(usize, &str)> = Vec::new();
    let mut offset = 0;
    for piece in text.split_inclusive('\n') {
        raw.push((offset, piece.trim_end_matches(['\n', '\r'])));
        offset += piece.len();
    }
    let contents: Vec<&str> = raw.iter().map(|&(_, c)| c).collect();
    let joins = continuations(&contents);
    // Runs of lines: (first line's number, start, end, joined).
    let mut runs: Vec<(usize, usize, usize, bool)> = Vec::with_capacity(raw.len());
    for (i, &(offset, content)) in raw.iter().enumerate() {
        let lead = content.len() - content.trim_start().len();
        let start = offset + lead;
        let end = start + content.trim().len();
        match runs.last_mut() {
            Some(run) if joins[i] => {
                run.2 = end;
                run.3 = true;
            }
            _ => runs.push((i + 1, start, end, false)),
        }
    }
    runs.into_iter()
        .map(|(no, start, end, joined)| TextLine {
            no,
            start,
            text: if joined {
                Cow::Owned(text[start..end].replace(['\n', '\r'], " "))
            } else {
                Cow::Borrowed(&text[start..end])
            },
        })
        .collect()
}

/// For each line, whether it continues the paragraph of the line before it
/// (a wrap). All false unless the text looks hard-wrapped.
pub fn continuations(lines: &[&str]) -> Vec<bool> {
    let mut out = vec![false; lines.len()];
    let widths: Vec<usize> = lines.iter().map(|l| l.trim_end().chars().count()).collect();
    let mut full: Vec<usize> = widths.iter().copied().filter(|&w| w > 0).collect();
    if full.len() < 3 {
        return out;
    }
    // The wrap width: nearly the longest line (a stray long line, a URL or
    // a heading left unwrapped, does not set it).
    full.sort_unstable();
    let width = full[(full.len() - 1) * 9 / 10];
    if !WIDTH_RANGE.contains(&width) {
        return out;
    }
    // A wrap width is a ceiling: nearly every line stays under it. Lines
    // that are paragraphs of their own have a long tail of longer ones.
    let over = full.iter().filter(|&&w| w > width + WIDTH_SLACK).count();
    if over * 20 > full.len() {
        return out;
    }
    let indents: Vec<usize> = lines
        .iter()
        .map(|l| l.chars().take_while(|c| c.is_whitespace()).count())
        .collect();
    // A first-line indent: a line indented at least two columns deeper than
    // the line before it, followed by a line of the paragraph that is not
    // (paragraphs marked by indentation alone). A hanging indent (the lines
    // after a paragraph's first line indented) keeps its depth on the
    // following line or ends there, and stays a wrap; so does a line that
    // starts with one stray space.
    let first_line_indent = |i: usize| {
        indents[i] >= indents[i - 1] + 2
            && lines
                .get(i + 1)
                .is_some_and(|l| !l.trim().is_empty() && indents[i + 1] < indents[i])
    };
    let mut pairs = 0usize;
    let mut wraps = 0usize;
    for i in 1..lines.len() {
        let next = lines[i].trim();
        if widths[i - 1] == 0 || next.is_empty() {
            continue;
        }
        pairs += 1;
        if first_line_indent(i) {
            continue;
        }
        let first_word = next
            .split_whitespace()
            .next()
            .map_or(0, |w| w.chars().count());
        let would_not_fit = widths[i - 1] + 1 + first_word > width;
        if would_not_fit && widths[i - 1] * 2 >= width && !starts_like_list_item(next) {
            out[i] = true;
            wraps += 1;
        }
    }
    if wraps < 2 || (wraps as f64) < MIN_WRAP_SHARE * pairs as f64 {
        out.iter_mut().for_each(|c| *c = false);
    }
    out
}

/// "- item", "* item", "• item", "1. item", "2) item": a line of its own.
fn starts_like_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('-' | '*' | '•' | '–' | '—') => chars.next().is_some_and(char::is_whitespace),
        Some(c) if c.is_ascii_digit() => {
            let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
            rest.starts_with(". ") || rest.starts_with(") ")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::clean;
    use crate::ingest::RawDoc;

    const PARAGRAPHS: [&str; 3] = [
        "The regional water board on Tuesday approved a plan to raise the reservoir's dam by \
         four metres, ending a dispute that had run for more than a decade. Farmers downstream \
         had warned that the work would cut their share of the river in dry years.",
        "Construction is due to start next spring and to take three years, the board said in a \
         statement, adding that the cost would be shared between the two provinces.",
        "Opponents said they would appeal the decision before the administrative court.",
    ];

    /// Fills `text` to `width` columns, as a wire service or mailer does.
    fn fill(text: &str, width: usize, indent: &str) -> String {
        let mut lines = vec![indent.to_string()];
        for word in text.split_whitespace() {
            let line = lines.last_mut().expect("a line");
            if line.trim().is_empty() {
                line.push_str(word);
            } else if line.chars().count() + 1 + word.chars().count() <= width {
                line.push(' ');
                line.push_str(word);
            } else {
                lines.push(word.to_string());
            }
        }
        lines.join("\n")
    }

    fn collapse(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn hard_wrapped_paragraphs_become_one_line_each() {
        for (width, sep, indent, crlf) in [
            (70, "\n\n", "", false),
            (78, "\n", "   ", false),
            (60, "\n\n", "", true),
        ] {
            let body: Vec<String> = PARAGRAPHS.iter().map(|p| fill(p, width, indent)).collect();
            let text = format!("Dam plan approved{sep}{}", body.join(sep));
            let text = if crlf {
                text.replace('\n', "\r\n")
            } else {
                text
            };
            let lines: Vec<TextLine<'_>> = text_lines(&text)
                .into_iter()
                .filter(|l| !l.text.is_empty())
                .collect();
            let got: Vec<String> = lines.iter().map(|l| collapse(&l.text)).collect();
            let mut want = vec!["Dam plan approved".to_string()];
            want.extend(PARAGRAPHS.iter().map(|p| collapse(p)));
            assert_eq!(got, want, "width {width}, separator {sep:?}, CRLF {crlf}");
            for l in &lines {
                // Byte for byte the input, line breaks read as spaces.
                let source = &text[l.start..l.start + l.text.len()];
                assert_eq!(source.replace(['\r', '\n'], " "), *l.text);
            }
        }
    }

    #[test]
    fn an_indented_first_line_starts_a_paragraph_after_a_full_line() {
        // Paragraphs marked by indentation alone; the first paragraph's
        // last line is nearly full, so the next first word would not fit.
        let text = "   The regional water board on Tuesday approved a plan to raise the dam by\n\
                    four metres, ending a dispute that had run for more than a decade in court.\n\
                    \x20  Construction is due to start next spring and to take three years, the\n\
                    board said in a statement.\n";
        let got: Vec<String> = text_lines(text)
            .into_iter()
            .map(|l| l.text.into_owned())
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(got.len(), 2, "{got:#?}");
        assert!(got[0].ends_with("in court."), "{got:#?}");
        assert!(got[1].starts_with("Construction") && got[1].ends_with("statement."));
        // A hanging indent is a layout of wraps, not of paragraph starts,
        // even for a paragraph of two lines; so is a stray leading space.
        let hanging = "The regional water board on Tuesday approved a plan to raise the dam by\n\
                       \x20   four metres, ending a dispute that had run for more than a decade\n\
                       \x20   in the courts of both provinces and before the national tribunal.\n\
                       \n\
                       Construction is due to start next spring and to take three years, the\n\
                       \x20   board said in a statement issued after the vote on the dam project.\n\
                       \n\
                       Opponents of the plan said they would appeal the decision before the\n\
                       \x20administrative court of the province, which has heard such cases before.\n";
        let got: Vec<String> = text_lines(hanging)
            .into_iter()
            .map(|l| l.text.into_owned())
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(got.len(), 3, "{got:#?}");
        assert!(got[1].ends_with("the dam project.") && got[2].ends_with("cases before."));
    }

    #[test]
    fn a_wrapped_article_is_cleaned_into_whole_sentences() {
        let body: Vec<String> = PARAGRAPHS.iter().map(|p| fill(p, 72, "")).collect();
        let text = format!("Dam plan approved\n\n{}", body.join("\n\n"));
        let article = clean(&RawDoc::text("wire.txt", text.clone()));
        assert_eq!(article.title, "Dam plan approved");
        assert_eq!(article.paragraphs.len(), 3, "{:?}", article.body);
        let sentences = crate::text::split_sentences(&article);
        assert_eq!(sentences.len(), 4, "{sentences:#?}");
        assert!(sentences[0].text.starts_with("The regional water board"));
        assert!(sentences[0].text.ends_with("more than a decade."));
        for p in &article.paragraphs {
            let off = p.source_offset.expect("plain text maps to its bytes");
            let kept = article.paragraph_text(p);
            assert_eq!(text[off..off + kept.len()].replace('\n', " "), kept);
        }
    }

    #[test]
    fn lines_that_are_whole_paragraphs_are_left_alone() {
        // Web text: each paragraph one long line, short lines between.
        let text = format!(
            "Dam plan approved\n{}\nShare this story\n{}\n{}",
            PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2]
        );
        let lines: Vec<&str> = text.lines().collect();
        assert!(continuations(&lines).iter().all(|c| !c));
        // Short paragraphs of a line each, some under 120 columns: their
        // lengths have a long tail, not a ceiling, and a notice after a
        // long line stays a line of its own.
        let short = [
            "The board approved the plan on Tuesday after a decade of dispute.",
            "Farmers downstream had warned that the work would cut their share of the river in dry years.",
            "Follow us on social media for more news",
            "Construction is due to start next spring and to take three years.",
            "The cost will be shared between the two provinces, the board said in a statement on its website.",
            "Opponents said they would appeal the decision before the administrative court in the capital city next month.",
            "Share this story",
            "Lawyers for the farmers said the ruling ignored the evidence presented at the public hearings held earlier this year.",
            "Read more",
            "The court is expected to rule within a year, according to lawyers for both sides of the long-running case.",
            "A spokesman for the board declined to say whether work would stop if the appeal went ahead, citing the ongoing legal proceedings and the board's policy of not commenting on litigation while a case is before the courts.",
        ];
        assert!(
            continuations(&short).iter().all(|c| !c),
            "{:?}",
            continuations(&short)
        );
        // A menu or a list of short items is not a wrap either.
        let menu = [
            "Home",
            "World news",
            "Business and markets",
            "Sport",
            "Culture and arts",
            "Weather",
        ];
        assert!(continuations(&menu).iter().all(|c| !c));
        let list = [
            "The board listed the conditions attached to the approval of the plan:",
            "- a survey of the fish stocks below the dam every spring and autumn",
            "- compensation for the farmers whose fields will be flooded by it",
            "- an independent review of the safety of the structure every year",
        ];
        assert!(continuations(&list).iter().all(|c| !c));
    }

    #[test]
    fn a_short_line_ends_a_paragraph_even_without_a_blank_line() {
        let text = format!(
            "{}\n{}",
            fill(PARAGRAPHS[0], 70, "  "),
            fill(PARAGRAPHS[1], 70, "  ")
        );
        let lines: Vec<TextLine<'_>> = text_lines(&text);
        let got: Vec<String> = lines.iter().map(|l| collapse(&l.text)).collect();
        assert_eq!(got, vec![collapse(PARAGRAPHS[0]), collapse(PARAGRAPHS[1])]);
    }

    proptest::proptest! {
        /// Any text: every line maps back to its bytes (line breaks read
        /// as spaces), in order, and all the text's words are kept.
        #[test]
        fn lines_map_back_to_the_input(text in "([a-z ]{0,90}\\r?\n){0,20}") {
            let lines = text_lines(&text);
            let mut last = 0;
            for l in &lines {
                proptest::prop_assert!(l.start >= last);
                let source = &text[l.start..l.start + l.text.len()];
                proptest::prop_assert_eq!(source.replace(['\r', '\n'], " "), l.text.as_ref());
                last = l.start + l.text.len();
            }
            let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
            let joined: Vec<String> = lines.iter().flat_map(|l| words(&l.text)).collect();
            proptest::prop_assert_eq!(joined, words(&text));
        }
    }
}

//! The `render` stage: digests as terminal text, Markdown or JSON. JSON is
//! the stable interface (`docs/digest.schema.json`).

mod markdown;
mod terminal;

pub use markdown::markdown;
pub use terminal::terminal;

use crate::analyze::{
    Analysis, Conflict, Entity, Fact, Framing, NumberFact, OnlyIn, Quote, TimelineEvent,
};
use crate::model::{Digest, NameNote, SourceInfo, SummarySentence};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Human-readable text for a terminal.
    #[default]
    Terminal,
    /// Markdown.
    Markdown,
    /// JSON (the stable interface).
    Json,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "terminal" | "text" => Ok(Format::Terminal),
            "md" | "markdown" => Ok(Format::Markdown),
            "json" => Ok(Format::Json),
            _ => Err(format!("unknown format {s:?} (terminal, md, json)")),
        }
    }
}

/// Renders a digest. `color` adds ANSI colours to terminal output.
pub fn render(digest: &Digest, format: Format, color: bool) -> crate::Result<String> {
    Ok(match format {
        Format::Terminal => terminal(digest, color),
        Format::Markdown => markdown(digest),
        Format::Json => serde_json::to_string_pretty(digest)? + "\n",
    })
}

/// Citation markers for a list of source numbers: "[1][3]".
pub fn markers(sources: &[usize]) -> String {
    sources.iter().map(|n| format!("[{n}]")).collect()
}

/// A summary sentence as a reader sees it in text output: its source
/// sentence with an ellipsis ("…") where light compression left words out,
/// so the sentence is never shown as if quoted whole (the JSON keeps the
/// plain `text` and the `dropped` byte ranges). Falls back to `text` when
/// the ranges do not fit the cited sentence.
pub fn summary_text(s: &SummarySentence) -> String {
    let Some(source) = s.citations.first().map(|c| c.text.as_str()) else {
        return s.text.clone();
    };
    let fits = s
        .dropped
        .iter()
        .all(|d| d.start < d.end && source.get(d.start..d.end).is_some())
        && s.dropped.windows(2).all(|w| w[0].end <= w[1].start);
    if s.dropped.is_empty() || !fits {
        return s.text.clone();
    }
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for d in &s.dropped {
        out.push_str(&source[at..d.start]);
        let gone = &source[d.start..d.end];
        if gone.starts_with(char::is_whitespace) && !out.ends_with(char::is_whitespace) {
            out.push(' ');
        }
        out.push('…');
        if gone.ends_with(char::is_whitespace) {
            out.push(' ');
        }
        at = d.end;
    }
    let rest = &source[at..];
    if out.ends_with(' ') {
        out.push_str(rest.trim_start());
    } else {
        out.push_str(rest);
    }
    out.trim().to_string()
}

/// A summary sentence's name note as one line: "Ortagus: Morgan Ortagus,
/// State Department spokeswoman (short form; named in full in [1])".
pub(crate) fn name_note(n: &NameNote) -> String {
    let title = n
        .title
        .as_deref()
        .map(|t| format!(", {t}"))
        .unwrap_or_default();
    format!(
        "{}: {}{title} ({}; named in full in [{}])",
        n.written,
        n.name,
        n.how,
        n.named_at.article + 1
    )
}

/// Citation markers for 0-based article indices: "[1][3]".
pub(crate) fn article_markers(articles: &[usize]) -> String {
    articles.iter().map(|a| format!("[{}]", a + 1)).collect()
}

/// Counts of dropped lines by reason, most frequent first: "3 date line, 1 share prompt".
pub fn dropped_summary(digest: &Digest) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for s in &digest.sources {
        for d in &s.dropped {
            let k = d.reason.describe().to_string();
            match counts.iter_mut().find(|(r, _)| *r == k) {
                Some((_, n)) => *n += 1,
                None => counts.push((k, 1)),
            }
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts
}

fn date_of(s: &SourceInfo) -> String {
    match &s.published {
        Some(p) => match p.how {
            crate::model::DateSource::Inferred => format!("{} (inferred)", p.iso()),
            _ => p.iso(),
        },
        None => "undated".to_string(),
    }
}

/// The line under the headline: "Story of DATE · N sources · METHOD method, N words"
/// ("Undated story · 1 source · …" when no article has a date).
fn byline(d: &Digest) -> String {
    let when = match d.date {
        Some(date) => format!("Story of {date}"),
        None => "Undated story".to_string(),
    };
    let n = d.sources.len();
    let sources = if n == 1 { "source" } else { "sources" };
    format!(
        "{when} · {n} {sources} · {} method, {} words",
        d.method, d.words
    )
}

/// A source's outlet followed by `sep`, or nothing when it has none.
fn outlet(s: &SourceInfo, sep: &str) -> String {
    s.outlet
        .as_deref()
        .map(|o| format!("{o}{sep}"))
        .unwrap_or_default()
}

/// A conflict's claims side by side, "SAYS (WORDS) MARKERS vs ...", with
/// what each claim says and its citation markers styled by the format.
fn claims(c: &Conflict, says: impl Fn(&str) -> String, cite: impl Fn(String) -> String) -> String {
    let claims: Vec<String> = c
        .claims
        .iter()
        .map(|x| {
            format!(
                "{} ({}) {}",
                says(&x.says),
                x.words.join(", "),
                cite(article_markers(&x.articles))
            )
        })
        .collect();
    claims.join(" vs ")
}

/// A number's written forms, each once, in the order of its mentions.
fn number_forms(n: &NumberFact) -> Vec<&str> {
    let mut forms: Vec<&str> = Vec::new();
    for m in &n.mentions {
        if !forms.contains(&m.text.as_str()) {
            forms.push(&m.text);
        }
    }
    forms
}

/// One section of the cross-source analysis, as the text formats show it.
enum Section<'a> {
    Conflicts(&'a [Conflict]),
    Timeline(&'a [TimelineEvent]),
    Quotes(&'a [Quote]),
    Numbers(&'a [NumberFact]),
    Entities(&'a [Entity]),
    /// Facts several sources carry, and what only one source says.
    Agreement(Vec<&'a Fact>, &'a [OnlyIn]),
    Framing(&'a [Framing]),
}

impl Section<'_> {
    /// The section's heading.
    fn title(&self) -> &'static str {
        match self {
            Section::Conflicts(_) => "Conflicts",
            Section::Timeline(_) => "Timeline",
            Section::Quotes(_) => "Quotes",
            Section::Numbers(_) => "Numbers",
            Section::Entities(_) => "Entities",
            Section::Agreement(..) => "Agreement",
            Section::Framing(_) => "Framing",
        }
    }
}

/// The analysis sections that have something to show, in the order every
/// text format shows them: the formats differ only in how they style each.
fn sections(an: &Analysis) -> Vec<Section<'_>> {
    let mut out = Vec::new();
    if !an.conflicts.is_empty() {
        out.push(Section::Conflicts(&an.conflicts));
    }
    if !an.timeline.is_empty() {
        out.push(Section::Timeline(&an.timeline));
    }
    if !an.quotes.is_empty() {
        out.push(Section::Quotes(&an.quotes));
    }
    if !an.numbers.is_empty() {
        out.push(Section::Numbers(&an.numbers));
    }
    if !an.entities.is_empty() {
        out.push(Section::Entities(&an.entities));
    }
    let shared: Vec<&Fact> = an.facts.iter().filter(|f| f.articles.len() > 1).collect();
    if !shared.is_empty() || an.only_in.iter().any(|x| !x.facts.is_empty()) {
        out.push(Section::Agreement(shared, &an.only_in));
    }
    // Framing compares sources: one alone has nothing to compare.
    if an.framing.len() > 1 {
        out.push(Section::Framing(&an.framing));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Citation, Span};

    fn sentence(source: &str, dropped: &[(usize, usize)]) -> SummarySentence {
        let spans: Vec<Span> = dropped
            .iter()
            .map(|&(start, end)| Span { start, end })
            .collect();
        SummarySentence {
            text: crate::summarize::compress::apply(source, &spans),
            dropped: spans,
            sources: vec![1],
            citations: vec![Citation {
                source: 1,
                article: "a".into(),
                sentence: 0,
                span: Span {
                    start: 0,
                    end: source.len(),
                },
                line: 1,
                file_span: None,
                text: source.into(),
            }],
            names: Vec::new(),
        }
    }

    fn range(s: &str, part: &str) -> (usize, usize) {
        let at = s.find(part).expect("part of the sentence");
        (at, at + part.len())
    }

    #[test]
    fn left_out_words_show_as_an_ellipsis() {
        let s = "The United States on Friday rejected a request by Iraq.";
        let shown = sentence(s, &[range(s, " on Friday")]);
        assert_eq!(shown.text, "The United States rejected a request by Iraq.");
        assert_eq!(
            summary_text(&shown),
            "The United States … rejected a request by Iraq."
        );
    }

    #[test]
    fn a_leading_dateline_and_a_parenthetical_are_marked_too() {
        let s = "WASHINGTON (AP) — The agency (which opened in 2019) said it would close.";
        let shown = sentence(
            s,
            &[
                range(s, "WASHINGTON (AP) — "),
                range(s, " (which opened in 2019)"),
            ],
        );
        assert_eq!(summary_text(&shown), "… The agency … said it would close.");
    }

    #[test]
    fn a_whole_sentence_and_ranges_that_do_not_fit_are_shown_as_they_are() {
        let s = "Nothing was left out here.";
        assert_eq!(summary_text(&sentence(s, &[])), s);
        let mut bad = sentence(s, &[range(s, " was")]);
        bad.dropped[0].end = 400;
        assert_eq!(summary_text(&bad), bad.text);
    }
}

//! The `render` stage: digests as terminal text, Markdown or JSON. JSON is
//! the stable interface (`docs/digest.schema.json`).

mod markdown;
mod terminal;

pub use markdown::markdown;
pub use terminal::terminal;

use crate::analyze::{
    Analysis, Conflict, Entity, Fact, Framing, NumberFact, OnlyIn, Quote, TimelineEvent,
};
use crate::model::{Digest, NameNote, SourceInfo};

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

//! The `render` stage: digests as terminal text, Markdown or JSON. JSON is
//! the stable interface (`docs/digest.schema.json`).

mod markdown;
mod terminal;

pub use markdown::markdown;
pub use terminal::terminal;

use crate::model::Digest;

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

fn date_of(s: &crate::model::SourceInfo) -> String {
    match &s.published {
        Some(p) => match p.how {
            crate::model::DateSource::Inferred => format!("{} (inferred)", p.iso()),
            _ => p.iso(),
        },
        None => "undated".to_string(),
    }
}

//! Markdown.

use super::{date_of, dropped_summary, markers};
use crate::model::Digest;
use std::fmt::Write;

/// Renders a digest as Markdown.
pub fn markdown(d: &Digest) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", d.headline);
    let date = d
        .date
        .map(|x| x.to_string())
        .unwrap_or_else(|| "undated".into());
    let _ = writeln!(
        o,
        "*Story of {date} · {} sources · {} method, {} words*\n",
        d.sources.len(),
        d.method,
        d.words
    );
    let _ = writeln!(o, "## Summary\n");
    for s in &d.summary {
        let _ = writeln!(o, "- {} {}", s.text, markers(&s.sources));
    }
    let _ = writeln!(o, "\n## Sources\n");
    for s in &d.sources {
        let outlet = s
            .outlet
            .as_deref()
            .map(|o| format!("{o}, "))
            .unwrap_or_default();
        let _ = writeln!(
            o,
            "{}. **{}** ({outlet}{}) `{}`",
            s.number,
            s.title,
            date_of(s),
            s.path
        );
    }
    let dropped = dropped_summary(d);
    if !dropped.is_empty() {
        let _ = writeln!(o, "\n## Dropped chrome\n");
        let _ = writeln!(o, "| source | line | reason | text |\n|---|---|---|---|");
        for s in &d.sources {
            for x in &s.dropped {
                let text: String = x
                    .text
                    .chars()
                    .take(60)
                    .collect::<String>()
                    .replace('|', "\\|");
                let _ = writeln!(
                    o,
                    "| [{}] | {} | {} | {} |",
                    s.number,
                    x.line,
                    x.reason.describe(),
                    text
                );
            }
        }
    }
    o
}

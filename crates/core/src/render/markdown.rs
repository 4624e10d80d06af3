//! Markdown.

use super::{article_markers, date_of, dropped_summary, markers};
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
    analysis(&mut o, d);
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

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The cross-source analysis as Markdown sections.
fn analysis(o: &mut String, d: &Digest) {
    let an = &d.analysis;
    if !an.conflicts.is_empty() {
        let _ = writeln!(o, "\n## Conflicts\n");
        for c in &an.conflicts {
            let claims: Vec<String> = c
                .claims
                .iter()
                .map(|x| {
                    format!(
                        "**{}** ({}) {}",
                        x.says,
                        x.words.join(", "),
                        article_markers(&x.articles)
                    )
                })
                .collect();
            let _ = writeln!(o, "- {}: {}", claims.join(" vs "), c.about);
        }
    }
    if !an.timeline.is_empty() {
        let _ = writeln!(o, "\n## Timeline\n");
        let _ = writeln!(
            o,
            "| date | event | sources | dated by |\n|---|---|---|---|"
        );
        for e in &an.timeline {
            let words: Vec<String> = e
                .expressions
                .iter()
                .map(|x| format!("{} ({})", x.text, x.how))
                .collect();
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} |",
                e.date,
                cell(&e.text),
                article_markers(&e.articles),
                cell(&words.join("; "))
            );
        }
    }
    if !an.quotes.is_empty() {
        let _ = writeln!(o, "\n## Quotes\n");
        for q in &an.quotes {
            let who = q.speaker.as_deref().unwrap_or("unattributed");
            let _ = writeln!(
                o,
                "- **{}**: \u{201c}{}\u{201d} {} *({})*",
                who,
                q.text,
                article_markers(&q.articles),
                q.how
            );
        }
    }
    if !an.numbers.is_empty() {
        let _ = writeln!(o, "\n## Numbers\n");
        let _ = writeln!(
            o,
            "| number | counts | as written | sources |\n|---|---|---|---|"
        );
        for n in &an.numbers {
            let mut forms: Vec<String> = Vec::new();
            for m in &n.mentions {
                if !forms.contains(&m.text) {
                    forms.push(m.text.clone());
                }
            }
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} |",
                n.text,
                cell(n.what.as_deref().unwrap_or("")),
                cell(&forms.join(" / ")),
                article_markers(&n.articles)
            );
        }
    }
    if !an.entities.is_empty() {
        let _ = writeln!(o, "\n## Entities\n");
        let _ = writeln!(
            o,
            "| name | kind | variants | mentions | sources |\n|---|---|---|---|---|"
        );
        for e in &an.entities {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} |",
                cell(&e.canonical),
                format!("{:?}", e.kind).to_lowercase(),
                cell(&e.variants.join(", ")),
                e.mentions.len(),
                article_markers(&e.articles)
            );
        }
    }
    let shared: Vec<&crate::analyze::Fact> =
        an.facts.iter().filter(|f| f.articles.len() > 1).collect();
    if !shared.is_empty() || an.only_in.iter().any(|x| !x.facts.is_empty()) {
        let _ = writeln!(o, "\n## Agreement\n");
        for f in &shared {
            let _ = writeln!(o, "- {} {}", article_markers(&f.articles), f.text);
        }
        for x in &an.only_in {
            if x.facts.is_empty() {
                continue;
            }
            let _ = writeln!(o, "\n**Only in [{}]**\n", x.article + 1);
            for f in &x.facts {
                let partly = if f.partly { " *(partly)*" } else { "" };
                let _ = writeln!(o, "- {}{}", f.text, partly);
            }
        }
    }
    if an.framing.len() > 1 {
        let _ = writeln!(o, "\n## Framing\n");
        let _ = writeln!(o, "| source | headline | lead |\n|---|---|---|");
        for f in &an.framing {
            let _ = writeln!(
                o,
                "| [{}] | {} | {} |",
                f.article + 1,
                cell(&f.headline),
                cell(&f.lead)
            );
        }
    }
}

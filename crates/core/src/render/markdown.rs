//! Markdown.

use super::{
    Section, article_markers, byline, claims, date_of, dropped_summary, markers, name_note,
    number_forms, outlet, sections, summary_text,
};
use crate::model::Digest;
use std::fmt::Write;

/// Renders a digest as Markdown.
pub fn markdown(d: &Digest) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", d.headline);
    let _ = writeln!(o, "*{}*\n", byline(d));
    let _ = writeln!(o, "## Summary\n");
    for s in &d.summary {
        let _ = writeln!(o, "- {} {}", summary_text(s), markers(&s.sources));
        for n in &s.names {
            let _ = writeln!(o, "  - *{}*", name_note(n));
        }
    }
    analysis(&mut o, d);
    let _ = writeln!(o, "\n## Sources\n");
    for s in &d.sources {
        let outlet = outlet(s, ", ");
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
    for section in sections(&d.analysis) {
        let _ = writeln!(o, "\n## {}\n", section.title());
        match section {
            Section::Conflicts(conflicts) => {
                for c in conflicts {
                    let claims = claims(c, |s| format!("**{s}**"), |m| m);
                    let _ = writeln!(o, "- {}: {}", claims, c.about);
                }
            }
            Section::Timeline(events) => {
                let _ = writeln!(
                    o,
                    "| date | event | sources | dated by |\n|---|---|---|---|"
                );
                for e in events {
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
            Section::Quotes(quotes) => {
                for q in quotes {
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
            Section::Numbers(numbers) => {
                let _ = writeln!(
                    o,
                    "| number | counts | as written | sources |\n|---|---|---|---|"
                );
                for n in numbers {
                    let _ = writeln!(
                        o,
                        "| {} | {} | {} | {} |",
                        n.text,
                        cell(n.what.as_deref().unwrap_or("")),
                        cell(&number_forms(n).join(" / ")),
                        article_markers(&n.articles)
                    );
                }
            }
            Section::Entities(entities) => {
                let _ = writeln!(
                    o,
                    "| name | kind | variants | mentions | sources |\n|---|---|---|---|---|"
                );
                for e in entities {
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
            Section::Agreement(shared, only_in) => {
                for f in &shared {
                    let _ = writeln!(o, "- {} {}", article_markers(&f.articles), f.text);
                }
                for x in only_in {
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
            Section::Framing(framing) => {
                let _ = writeln!(o, "| source | headline | lead |\n|---|---|---|");
                for f in framing {
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
    }
}

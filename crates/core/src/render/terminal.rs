//! Plain text for a terminal, with optional ANSI colour.

use super::{
    Section, article_markers, byline, claims, date_of, dropped_summary, markers, name_note,
    number_forms, outlet, sections, summary_text,
};
use crate::model::Digest;
use std::fmt::Write;

struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn bold(&self, s: &str) -> String {
        self.paint("1", s)
    }
    fn dim(&self, s: &str) -> String {
        self.paint("2", s)
    }
    fn cyan(&self, s: &str) -> String {
        self.paint("36", s)
    }
}

/// Renders a digest for a terminal.
pub fn terminal(d: &Digest, color: bool) -> String {
    let st = Style { on: color };
    let mut o = String::new();
    let _ = writeln!(o, "{}", st.bold(&d.headline));
    let _ = writeln!(o, "{}", st.dim(&byline(d)));
    let _ = writeln!(o);
    let _ = writeln!(o, "{}", st.bold("Summary"));
    for s in &d.summary {
        let _ = writeln!(o, "  {} {}", summary_text(s), st.cyan(&markers(&s.sources)));
        for n in &s.names {
            let _ = writeln!(o, "      {}", st.dim(&name_note(n)));
        }
    }
    analysis(&mut o, d, &st);
    let _ = writeln!(o);
    let _ = writeln!(o, "{}", st.bold("Sources"));
    for s in &d.sources {
        let outlet = outlet(s, " · ");
        let _ = writeln!(
            o,
            "  {} {} {}",
            st.cyan(&format!("[{}]", s.number),),
            s.title,
            st.dim(&format!("({outlet}{}, {})", date_of(s), s.path))
        );
        if let Some(dl) = &s.dateline {
            let _ = writeln!(o, "      {}", st.dim(&format!("dateline: {dl}")));
        }
        if let Some(how) = &s.decoded_as {
            let _ = writeln!(o, "      {}", st.dim(&format!("decoded as {how}")));
        }
    }
    let dropped = dropped_summary(d);
    if !dropped.is_empty() {
        let total: usize = dropped.iter().map(|x| x.1).sum();
        let parts: Vec<String> = dropped.iter().map(|(r, n)| format!("{n} {r}")).collect();
        let _ = writeln!(o);
        let _ = writeln!(
            o,
            "{}",
            st.dim(&format!(
                "Dropped {total} lines of site chrome: {}",
                parts.join(", ")
            ))
        );
    }
    o
}

/// The cross-source analysis, section by section.
fn analysis(o: &mut String, d: &Digest, st: &Style) {
    for section in sections(&d.analysis) {
        let _ = writeln!(o);
        let _ = writeln!(o, "{}", st.bold(section.title()));
        match section {
            Section::Conflicts(conflicts) => {
                for c in conflicts {
                    let claims = claims(c, str::to_string, |m| st.cyan(&m));
                    let _ = writeln!(o, "  {claims}");
                    let _ = writeln!(o, "      {}", st.dim(&clip(&c.about, 100)));
                }
            }
            Section::Timeline(events) => {
                for e in events {
                    let words: Vec<&str> = e.expressions.iter().map(|x| x.text.as_str()).collect();
                    let _ = writeln!(
                        o,
                        "  {:<23} {} {} {}",
                        e.date,
                        clip(&e.text, 90),
                        st.cyan(&article_markers(&e.articles)),
                        st.dim(&format!("({})", words.join(", ")))
                    );
                }
            }
            Section::Quotes(quotes) => {
                for q in quotes {
                    let who = q.speaker.as_deref().unwrap_or("unattributed");
                    let _ = writeln!(
                        o,
                        "  {}: \u{201c}{}\u{201d} {} {}",
                        st.bold(who),
                        clip(&q.text, 110),
                        st.cyan(&article_markers(&q.articles)),
                        st.dim(&format!("({})", q.how))
                    );
                }
            }
            Section::Numbers(numbers) => {
                for n in numbers {
                    let shown = number_forms(n).join(" / ");
                    let what = match n.what.as_deref() {
                        Some(w) if !shown.ends_with(w) => format!(" {w}"),
                        _ => String::new(),
                    };
                    let _ = writeln!(
                        o,
                        "  {shown}{what} {}",
                        st.cyan(&article_markers(&n.articles))
                    );
                }
            }
            Section::Entities(entities) => {
                let mut es: Vec<&crate::analyze::Entity> = entities.iter().collect();
                es.sort_by_key(|e| std::cmp::Reverse((e.articles.len(), e.mentions.len())));
                for e in es.iter().take(20) {
                    let others: Vec<&str> = e.variants.iter().skip(1).map(String::as_str).collect();
                    let also = if others.is_empty() {
                        String::new()
                    } else {
                        format!(" (also {})", others.join(", "))
                    };
                    let _ = writeln!(
                        o,
                        "  {}{} {} {}",
                        e.canonical,
                        also,
                        st.dim(
                            &format!("{:?}, {} mentions", e.kind, e.mentions.len()).to_lowercase()
                        ),
                        st.cyan(&article_markers(&e.articles))
                    );
                }
                if es.len() > 20 {
                    let _ = writeln!(
                        o,
                        "  {}",
                        st.dim(&format!("... and {} more", es.len() - 20))
                    );
                }
            }
            Section::Agreement(shared, only_in) => {
                for f in &shared {
                    let _ = writeln!(
                        o,
                        "  {} {}",
                        st.cyan(&article_markers(&f.articles)),
                        clip(&f.text, 110)
                    );
                }
                for x in only_in {
                    if x.facts.is_empty() {
                        continue;
                    }
                    let _ = writeln!(
                        o,
                        "  {}",
                        st.bold(&format!(
                            "Only in [{}]: {} sentences",
                            x.article + 1,
                            x.facts.len()
                        ))
                    );
                    for f in x.facts.iter().take(5) {
                        let partly = if f.partly { " (partly)" } else { "" };
                        let _ = writeln!(o, "    {}{}", clip(&f.text, 106), st.dim(partly));
                    }
                }
            }
            Section::Framing(framing) => {
                for f in framing {
                    let _ = writeln!(
                        o,
                        "  {} {}",
                        st.cyan(&format!("[{}]", f.article + 1)),
                        st.bold(&f.headline)
                    );
                    let _ = writeln!(o, "      {}", clip(&f.lead, 110));
                }
            }
        }
    }
}

/// At most `n` characters, with an ellipsis when cut.
fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

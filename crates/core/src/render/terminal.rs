//! Plain text for a terminal, with optional ANSI colour.

use super::{date_of, dropped_summary, markers};
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
    let date = d
        .date
        .map(|x| x.to_string())
        .unwrap_or_else(|| "undated".into());
    let _ = writeln!(
        o,
        "{}",
        st.dim(&format!(
            "Story of {date} · {} sources · {} method, {} words",
            d.sources.len(),
            d.method,
            d.words
        ))
    );
    let _ = writeln!(o);
    let _ = writeln!(o, "{}", st.bold("Summary"));
    for s in &d.summary {
        let _ = writeln!(o, "  {} {}", s.text, st.cyan(&markers(&s.sources)));
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "{}", st.bold("Sources"));
    for s in &d.sources {
        let outlet = s
            .outlet
            .as_deref()
            .map(|o| format!("{o} · "))
            .unwrap_or_default();
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

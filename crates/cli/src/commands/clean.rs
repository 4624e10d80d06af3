//! `storyline clean PATH...`

use super::{ColorChoice, exit_code, print};
use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use storyline_core::model::Article;

/// Output format of `clean`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum CleanFormat {
    /// Readable text: metadata, then every line kept or dropped.
    #[default]
    Terminal,
    /// The cleaned articles as JSON (one object per article, in an array).
    Json,
}

/// Arguments of `clean`.
#[derive(Debug, clap::Args)]
pub struct CleanArgs {
    /// Article files or folders. `-` or none: stdin.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t)]
    pub format: CleanFormat,
    /// Colour in terminal output.
    #[arg(long, value_enum, default_value_t)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub read: crate::input::ReadArgs,
}

/// Runs `clean`.
pub fn run(a: CleanArgs) -> anyhow::Result<ExitCode> {
    let loaded = crate::input::load(&a.paths, &a.read);
    loaded.report_skipped();
    if loaded.articles.is_empty() {
        anyhow::bail!("nothing to clean: every input was skipped");
    }
    let out = match a.format {
        CleanFormat::Json => serde_json::to_string_pretty(&loaded.articles)? + "\n",
        CleanFormat::Terminal => {
            let color = a.color.enabled();
            loaded
                .articles
                .iter()
                .map(|x| show(x, color))
                .collect::<Vec<_>>()
                .join("\n")
        }
    };
    print(&out)?;
    Ok(exit_code(loaded.skipped.len()))
}

fn show(a: &Article, color: bool) -> String {
    let paint = |code: &str, s: &str| {
        if color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let mut o = String::new();
    let _ = writeln!(o, "{}", paint("1", &a.path));
    let _ = writeln!(o, "  title:      {}", a.title);
    if let Some(s) = &a.standfirst {
        let _ = writeln!(o, "  standfirst: {s}");
    }
    match &a.published {
        Some(p) => {
            let _ = writeln!(o, "  published:  {} ({:?}: {})", p.iso(), p.how, p.evidence);
        }
        None => {
            let _ = writeln!(o, "  published:  unknown");
        }
    }
    if let Some(d) = &a.dateline {
        let _ = writeln!(o, "  dateline:   {d}");
    }
    if let Some(d) = &a.decoded_as {
        let _ = writeln!(o, "  decoded as: {d}");
    }
    // Kept and dropped lines, in file order.
    let mut rows: Vec<(usize, String)> = a
        .paragraphs
        .iter()
        .map(|p| {
            (
                p.line,
                format!(
                    "{:>4} {} {}",
                    p.line,
                    paint("32", "keep"),
                    a.paragraph_text(p)
                ),
            )
        })
        .collect();
    for d in &a.dropped {
        rows.push((
            d.line,
            format!(
                "{:>4} {} {} {}",
                d.line,
                paint("31", "drop"),
                paint("2", &format!("[{}]", d.reason.describe())),
                d.text
            ),
        ));
    }
    rows.sort_by_key(|r| r.0);
    let _ = writeln!(
        o,
        "  {} paragraphs kept, {} lines dropped",
        a.paragraphs.len(),
        a.dropped.len()
    );
    for (_, r) in rows {
        let _ = writeln!(o, "{r}");
    }
    o
}

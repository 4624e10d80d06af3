//! `storyline search QUERY --db FILE`: full-text search (SQLite FTS5).

use super::print;
use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use storyline_store::Store;

/// Arguments of `search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// FTS5 query: words (all must match), "a phrase", OR, NOT, prefix*.
    pub query: String,
    /// The store.
    #[arg(long)]
    pub db: PathBuf,
    /// Most hits.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs `search`.
pub fn run(a: SearchArgs) -> anyhow::Result<ExitCode> {
    let store = Store::open_existing(&a.db)?;
    let hits = store.search(&a.query, a.limit)?;
    if a.json {
        print(&(serde_json::to_string_pretty(&hits)? + "\n"))?;
    } else {
        let mut o = String::new();
        for h in &hits {
            let _ = writeln!(
                o,
                "{}  {}  {}\n    {}",
                h.story, h.article, h.title, h.snippet
            );
        }
        if hits.is_empty() {
            o.push_str("no match\n");
        }
        print(&o)?;
    }
    Ok(ExitCode::SUCCESS)
}

//! `storyline stories`: the stories of a store (`--db`), or of the given
//! inputs clustered in one go.

use super::{ColorChoice, FormatArg, exit_code, print};
use rayon::prelude::*;
use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use storyline_core::clean::clean;
use storyline_core::digest::{DigestConfig, build_digest};
use storyline_core::model::Article;
use storyline_core::stream::{BatchStory, StreamConfig, cluster_batch};
use storyline_store::{Store, StoryRow};

/// Arguments of `stories`.
#[derive(Debug, clap::Args)]
pub struct StoriesArgs {
    /// Inputs to cluster (files, folders, `-`); none with `--db`.
    pub paths: Vec<PathBuf>,
    /// List the stories of this store instead.
    #[arg(long, conflicts_with = "paths")]
    pub db: Option<PathBuf>,
    /// Output: terminal/md list the stories (with each digest when
    /// clustering inputs); json lists each story with its articles' ids,
    /// URLs and sources.
    #[arg(long, short, value_enum, default_value_t)]
    pub format: FormatArg,
    /// Digest word budget (inputs mode).
    #[arg(long, short, default_value_t = 100)]
    pub words: usize,
    /// Most stories listed from a store.
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// Colour in terminal output.
    #[arg(long, value_enum, default_value_t)]
    pub color: ColorChoice,
    /// Also list the store's pages set aside for too little article text
    /// or none (login walls, cookie notices, a headline with nothing under
    /// it, ...: each a story of its own, with its reason). JSON
    /// always lists them, flagged `set_aside`; inputs clustered in one go
    /// always list them, after the digests, each with its reason.
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub read: crate::input::ReadArgs,
}

pub use storyline_core::model::StoryListing;

/// A stored story with its articles, as listed.
pub fn listing_of_row(store: &Store, r: StoryRow) -> anyhow::Result<StoryListing> {
    Ok(StoryListing {
        articles: store.listed_articles(&r.id)?,
        id: r.id,
        headline: r.headline,
        first: r.first,
        last: r.last,
        key_terms: r.key_terms,
        set_aside: r.set_aside,
        set_aside_reason: r.set_aside_reason,
    })
}

/// The line that says how many set-aside pages a listing left out.
fn set_aside_note(hidden: usize) -> String {
    format!(
        "({hidden} page(s) with too little article text or none, each a story of its own, not listed: --all lists them)\n"
    )
}

/// Runs `stories`.
pub fn run(a: StoriesArgs) -> anyhow::Result<ExitCode> {
    match &a.db {
        Some(db) => from_store(db, &a),
        None => one_go(&a),
    }
}

fn from_store(db: &std::path::Path, a: &StoriesArgs) -> anyhow::Result<ExitCode> {
    let store = Store::open_existing(db)?;
    let json = matches!(a.format, FormatArg::Json);
    let rows = store.stories(a.limit, a.all || json)?;
    if json {
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            out.push(listing_of_row(&store, r)?);
        }
        print(&(serde_json::to_string_pretty(&out)? + "\n"))?;
        return Ok(ExitCode::SUCCESS);
    }
    let md = matches!(a.format, FormatArg::Md);
    let mut o = String::new();
    for r in rows {
        let dates = match (&r.first, &r.last) {
            (Some(f), Some(l)) if f != l => format!("{f} – {l}"),
            (Some(f), _) => f.clone(),
            _ => "undated".to_string(),
        };
        let carriers = if r.carriers > 0 {
            format!(" + {} duplicate(s)", r.carriers)
        } else {
            String::new()
        };
        let (id, headline, count) = (&r.id, &r.headline, r.articles);
        let terms = match (&r.set_aside_reason, r.key_terms.is_empty()) {
            (Some(why), true) => format!("set aside: {why}"),
            (Some(why), false) => format!("set aside: {why}; {}", r.key_terms.join(", ")),
            (None, _) => r.key_terms.join(", "),
        };
        // The same row in either layout.
        let _ = if md {
            writeln!(
                o,
                "- **{headline}** `{id}` — {dates}, {count} article(s){carriers}; {terms}"
            )
        } else {
            writeln!(
                o,
                "{id}  {dates}  {count} article(s){carriers}\n    {headline}\n    {terms}"
            )
        };
    }
    if !a.all {
        let hidden = store.set_aside_count()?;
        if hidden > 0 {
            o.push_str(&set_aside_note(hidden));
        }
    }
    print(&o)?;
    Ok(ExitCode::SUCCESS)
}

fn one_go(a: &StoriesArgs) -> anyhow::Result<ExitCode> {
    let mut skipped = 0;
    let mut raws = Vec::new();
    for (name, r) in storyline_store::ingest::records_with(&a.paths, a.read.options()) {
        match r {
            Ok(raw) => raws.push(raw),
            Err(e) => {
                eprintln!("storyline: skipped {name}: {e}");
                skipped += 1;
            }
        }
    }
    let cleaned: Vec<(Article, Option<String>)> =
        raws.into_par_iter().map(|r| (clean(&r), r.url)).collect();
    // Every record read is placed: one with no body text left after
    // cleaning is set aside, a story of its own that says why.
    let (articles, urls): (Vec<Article>, Vec<Option<String>>) = cleaned.into_iter().unzip();
    anyhow::ensure!(
        !articles.is_empty(),
        "nothing to cluster: every input was skipped"
    );
    for x in articles.iter().filter(|x| x.body.trim().is_empty()) {
        eprintln!(
            "storyline: set aside {}: no body text left after cleaning",
            x.path
        );
    }
    let stories = cluster_batch(&articles, StreamConfig::default());
    let listing = |st: &BatchStory| st.listing(&articles, &urls);
    if matches!(a.format, FormatArg::Json) {
        let out: Vec<StoryListing> = stories.iter().map(listing).collect();
        print(&(serde_json::to_string_pretty(&out)? + "\n"))?;
        return Ok(exit_code(skipped));
    }
    // Set-aside pages are listed after the digests, each with its reason,
    // not digested (they have too little text to summarize).
    let (aside, stories): (Vec<BatchStory>, Vec<BatchStory>) =
        stories.into_iter().partition(|s| s.set_aside);
    let cfg = DigestConfig {
        words: a.words,
        ..DigestConfig::default()
    };
    let digests: Vec<_> = stories
        .par_iter()
        .map(|s| {
            build_digest(
                s.members
                    .iter()
                    .map(|(i, _)| articles[*i].clone())
                    .collect(),
                &cfg,
            )
        })
        .collect();
    let mut o = String::new();
    for (s, d) in stories.iter().zip(digests) {
        let l = listing(s);
        let _ = writeln!(
            o,
            "== story {} ({} article(s); {})\n",
            l.id,
            l.articles.len(),
            l.key_terms.join(", ")
        );
        o.push_str(&storyline_core::render::render(
            &d?,
            a.format.into(),
            a.color.enabled(),
        )?);
        o.push('\n');
    }
    if !aside.is_empty() {
        let _ = writeln!(
            o,
            "== set aside: {} page(s), each a story of its own",
            aside.len()
        );
        for l in aside.iter().map(listing) {
            let reason = l
                .set_aside_reason
                .as_deref()
                .unwrap_or("too little article text");
            for x in &l.articles {
                let _ = writeln!(o, "{}  {}  ({reason})\n    {}", l.id, x.path, x.title);
            }
        }
    }
    print(&o)?;
    Ok(exit_code(skipped))
}

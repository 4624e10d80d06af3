//! `storyline show STORY --db FILE`: a stored story's digest.

use super::{ColorChoice, FormatArg, print};
use std::path::PathBuf;
use std::process::ExitCode;
use storyline_store::Store;

/// Arguments of `show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// Story id (or an unambiguous prefix of it).
    pub story: String,
    /// The store.
    #[arg(long)]
    pub db: PathBuf,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t)]
    pub format: FormatArg,
    /// Colour in terminal output.
    #[arg(long, value_enum, default_value_t)]
    pub color: ColorChoice,
}

/// Runs `show`.
pub fn run(a: ShowArgs) -> anyhow::Result<ExitCode> {
    let store = Store::open_existing(&a.db)?;
    let ids = store.stories_with_prefix(&a.story)?;
    let id = match ids.as_slice() {
        [] => anyhow::bail!("no story {:?} in {}", a.story, a.db.display()),
        [one] => one.clone(),
        many if many.contains(&a.story) => a.story.clone(),
        many => anyhow::bail!("{:?} is ambiguous: {}", a.story, many.join(", ")),
    };
    if let Some((digest, _)) = store.digest_or_build(&id)? {
        print(&storyline_core::render::render(
            &digest,
            a.format.into(),
            a.color.enabled(),
        )?)?;
        return Ok(ExitCode::SUCCESS);
    }
    // No article of the story has body text: there is no digest, only the
    // story's listing (a record set aside with nothing left after cleaning).
    let Some(row) = store.story(&id)? else {
        anyhow::bail!("no story {id:?} in {}", a.db.display());
    };
    let listing = super::stories::listing_of_row(&store, row)?;
    if matches!(a.format, FormatArg::Json) {
        print(&(serde_json::to_string_pretty(&listing)? + "\n"))?;
        return Ok(ExitCode::SUCCESS);
    }
    let why = listing
        .set_aside_reason
        .as_deref()
        .unwrap_or("no body text");
    let mut o = format!("{}: no digest, set aside ({why})\n", listing.id);
    for x in &listing.articles {
        o.push_str(&format!("    {}  {}\n", x.path, x.title));
    }
    print(&o)?;
    Ok(ExitCode::SUCCESS)
}

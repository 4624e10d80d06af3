//! A story: sources side by side, the cited summary, the coverage matrix,
//! conflicts, quotes, entities, the timeline and the numbers.

use super::stories::plural;
use super::{Page, layout, outlet_label, shorten};
use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{Path, State};
use maud::{Markup, html};
use std::collections::HashMap;
use storyline_core::model::{Digest, ListedArticle, SentenceRef, SummarySentence};
use storyline_store::StoryRow;

/// What the story page shows, read in one snapshot.
pub struct StoryData {
    pub id: String,
    pub digest: Digest,
    /// Texts of the sentences the page quotes that the digest names only by
    /// reference (conflicts' claims).
    pub sentences: HashMap<(usize, usize), String>,
    pub carriers: usize,
}

/// `/stories/{id}`.
pub async fn page(State(state): State<AppState>, Path(id): Path<String>) -> Page {
    Page(page_inner(state, id).await)
}

/// A story none of whose articles has body text: no digest, its articles
/// and why it was set aside.
pub struct SetAsideData {
    pub row: StoryRow,
    pub articles: Vec<ListedArticle>,
}

/// What the story page shows.
enum Shown {
    Digest(Box<StoryData>),
    SetAside(SetAsideData),
}

async fn page_inner(state: AppState, id: String) -> Result<Markup, ApiError> {
    let shown = state
        .read(move |store| {
            let Some(row) = store.story(&id)? else {
                return Err(ApiError::not_found(format!("There is no story {id:?}.")));
            };
            let Some((digest, _)) = store.digest_or_build(&id)? else {
                let articles = store.listed_articles(&id)?;
                return Ok(Shown::SetAside(SetAsideData { row, articles }));
            };
            let mut sentences = HashMap::new();
            for c in &digest.analysis.conflicts {
                for claim in &c.claims {
                    for r in &claim.sentences {
                        if let Some(src) = digest.sources.get(r.article)
                            && let Some(t) = store.sentence(&src.id, r.sentence)?
                        {
                            sentences.insert((r.article, r.sentence), t);
                        }
                    }
                }
            }
            Ok(Shown::Digest(Box::new(StoryData {
                id,
                digest,
                sentences,
                carriers: row.carriers,
            })))
        })
        .await?;
    Ok(match shown {
        Shown::Digest(data) => render(&data),
        Shown::SetAside(data) => render_set_aside(&data),
    })
}

/// The page of a story with no digest: a record set aside with no body
/// text left after cleaning (a headline with nothing under it).
fn render_set_aside(data: &SetAsideData) -> Markup {
    let r = &data.row;
    let why = r.set_aside_reason.as_deref().unwrap_or("no body text");
    layout(
        &shorten(&r.headline, 80),
        html! {
            article class="story" {
                header {
                    h1 { (r.headline) }
                    p class="meta" { "Set aside: " (why) ". No digest: there is no article text to summarize." }
                }
                (section("articles", "Articles", html! {
                    ul {
                        @for a in &data.articles {
                            li {
                                @match &a.url {
                                    Some(u) => a href=(u) rel="noopener" { (a.title) },
                                    None => (a.title),
                                }
                                " · " (outlet_label(a.source.as_deref(), &a.path))
                                @if let Some(p) = &a.published { " · " (p) }
                                " · " a href={ "/api/v1/articles/" (a.id) } { "as stored (JSON)" }
                            }
                        }
                    }
                }))
            }
        },
    )
}

/// A section of the story, labelled by its heading.
fn section(id: &str, title: &str, body: Markup) -> Markup {
    html! {
        section aria-labelledby=(id) {
            h2 id=(id) { (title) }
            (body)
        }
    }
}

/// The labels of sources (0-based), joined with commas.
pub fn labels(d: &Digest, sources: &[usize]) -> String {
    sources
        .iter()
        .map(|&i| label(d, i))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The label of source `i` (0-based) of a digest.
pub fn label(d: &Digest, i: usize) -> String {
    d.sources
        .get(i)
        .map(|s| outlet_label(s.outlet.as_deref(), &s.path))
        .unwrap_or_else(|| format!("source {}", i + 1))
}

fn article_href(d: &Digest, r: &SentenceRef) -> String {
    match d.sources.get(r.article) {
        Some(s) => format!("/articles/{}#s{}", s.id, r.sentence),
        None => "#".to_string(),
    }
}

fn render(data: &StoryData) -> Markup {
    let d = &data.digest;
    let a = &d.analysis;
    let date = d.date.map(|x| x.to_string());
    layout(
        &shorten(&d.headline, 80),
        html! {
            article class="story" {
                header {
                    h1 { (d.headline) }
                    p class="meta" {
                        @match &date { Some(x) => time datetime=(x) { (x) }, None => "Undated story" }
                        " · " (plural(d.sources.len(), "source", "sources"))
                        @if data.carriers > 0 { " · " (plural(data.carriers, "near-duplicate copy", "near-duplicate copies")) }
                        " · " a href={ "/api/v1/stories/" (data.id) } { "JSON" }
                    }
                }
                (section("h-sources", "Sources", html! {
                    div class="sources" {
                        @for (i, s) in d.sources.iter().enumerate() {
                            @let framing = a.framing.iter().find(|f| f.article == i);
                            div class="source" {
                                p class="outlet" { span class="num" { "[" (s.number) "]" } " " (label(d, i)) }
                                h3 { a href={ "/articles/" (s.id) } { (s.title) } }
                                p class="meta" {
                                    @match &s.published { Some(p) => (p.date.to_string()), None => "undated" }
                                    " · " (s.words) " words"
                                }
                                @if let Some(f) = framing {
                                    @if let Some(sf) = &f.standfirst { p class="standfirst" { (sf) } }
                                    p class="lead" { (f.lead) }
                                }
                            }
                        }
                    }
                }))
                (section("h-summary", "Summary", html! {
                    ol class="summary" {
                        @for (i, s) in d.summary.iter().enumerate() { li { (summary_sentence(d, i, s)) } }
                    }
                }))
                (section("h-coverage", "Who reported what", html! {
                    (super::coverage::matrix(d))
                }))
                @if !a.conflicts.is_empty() {
                    (section("h-conflicts", "Where sources disagree", html! {
                        @for c in &a.conflicts {
                            div class="disagreement" {
                                p class="about" { (shorten(&c.about, 240)) }
                                ul {
                                    @for claim in &c.claims {
                                        li {
                                            strong { (claim.says) }
                                            " — " (labels(d, &claim.articles))
                                            @if !claim.words.is_empty() { " (" (claim.words.join(", ")) ")" }
                                            @for r in &claim.sentences {
                                                @if let Some(t) = data.sentences.get(&(r.article, r.sentence)) {
                                                    blockquote { a href=(article_href(d, r)) { "[" (r.article + 1) "]" } " " (t) }
                                                }
                                            }
                                        }
                                    }
                                }
                                p class="how" { (c.how) }
                            }
                        }
                    }))
                }
                @if !a.quotes.is_empty() {
                    (section("h-quotes", "Quotes", html! {
                        ul class="quotes" {
                            @for q in &a.quotes {
                                li {
                                    blockquote { (q.text) }
                                    p class="meta" {
                                        @match &q.speaker {
                                            Some(sp) => { span class="speaker" { (sp) } }
                                            None => { span class="speaker unknown" { "speaker not found" } }
                                        }
                                        @if q.speaker.is_some() { span class="how" title="how the speaker was found" { " (" (q.how) ")" } }
                                        " · carried by " (labels(d, &q.articles))
                                    }
                                }
                            }
                        }
                    }))
                }
                @if !a.entities.is_empty() {
                    (section("h-entities", "Who and what", html! {
                        table class="entities" {
                            thead { tr { th scope="col" { "Name" } th scope="col" { "Kind" } th scope="col" { "Written as" } th scope="col" { "Sources" } } }
                            tbody {
                                @for e in a.entities.iter().take(60) {
                                    tr {
                                        th scope="row" { (e.canonical) @if !e.titles.is_empty() { span class="titles" { " — " (e.titles.join("; ")) } } }
                                        td { (format!("{:?}", e.kind).to_lowercase()) }
                                        td { (e.variants.join(" · ")) }
                                        td { (e.articles.len()) }
                                    }
                                }
                            }
                        }
                    }))
                }
                @if !a.timeline.is_empty() {
                    (section("h-timeline", "Timeline", html! {
                        (super::timeline::svg(d))
                    }))
                }
                @if !a.numbers.is_empty() {
                    (section("h-numbers", "Numbers", html! {
                        table class="numbers" {
                            thead { tr { th scope="col" { "Figure" } th scope="col" { "Of what" } th scope="col" { "Sources" } } }
                            tbody {
                                @for n in &a.numbers {
                                    tr {
                                        th scope="row" { (n.text) }
                                        td { (n.what.as_deref().unwrap_or("")) }
                                        td { (labels(d, &n.articles)) }
                                    }
                                }
                            }
                        }
                    }))
                }
                (section("h-dropped", "Method", html! {
                    p class="meta" { "Summary: " (d.method) ", about " (d.words) " words; every sentence is taken whole from a source and cites each source that carries it or a near-duplicate of it. "
                        (format!("{} line(s) of site chrome dropped across the sources; each article's page lists them with the reason.", d.sources.iter().map(|s| s.dropped.len()).sum::<usize>())) }
                }))
            }
        },
    )
}

/// A summary sentence with its citation markers (each a link to the cited
/// sentence in its article, with the sentence shown on hover or focus) and
/// its name notes.
fn summary_sentence(d: &Digest, i: usize, s: &SummarySentence) -> Markup {
    // Words of the cited sentence the summary leaves out (compression),
    // shown on hover: the shown text is the cited sentence without them.
    let left_out = s
        .citations
        .first()
        .filter(|_| !s.dropped.is_empty())
        .map(|c| {
            let parts: Vec<&str> = s
                .dropped
                .iter()
                .filter_map(|sp| c.text.get(sp.start..sp.end))
                .map(str::trim)
                .collect();
            format!("Left out of the source sentence: {}", parts.join(" … "))
        });
    html! {
        span class="text" title=[left_out] { (storyline_core::render::summary_text(s)) }
        @for (j, c) in s.citations.iter().enumerate() {
            @let tip = format!("tip-{i}-{j}");
            " "
            span class="cite-wrap" {
                a class="cite" href={ "/articles/" (c.article) "#s" (c.sentence) }
                    aria-describedby=(tip) data-source=(c.source) data-sentence=(c.sentence) {
                    "[" (c.source) "]"
                }
                span class="tip" role="tooltip" id=(tip) {
                    span class="tip-outlet" { (label(d, c.source.saturating_sub(1))) }
                    span class="tip-text" { (c.text) }
                }
            }
        }
        @if !s.names.is_empty() {
            ul class="names" {
                @for n in &s.names {
                    li {
                        span class="written" { (n.written) } ": " (n.name)
                        @if let Some(t) = &n.title { ", " (t) }
                        " (" (n.how) "; named in full in "
                        a href=(article_href(d, &n.named_at)) { "[" (n.named_at.article + 1) "]" } ")"
                    }
                }
            }
        }
    }
}

//! An article: the cleaned body with an anchor on every sentence (a
//! citation's link lands on its sentence, highlighted by `:target`), the
//! dropped site chrome behind a toggle with each line's reason, metadata
//! and the original URL.

use super::{Page, layout, outlet_label, outside_link, shorten};
use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{Path, State};
use maud::{Markup, html};
use storyline_store::{ArticlePage, StoredSentence};

/// `/articles/{id}`.
pub async fn page(State(state): State<AppState>, Path(id): Path<String>) -> Page {
    Page(page_inner(state, id).await)
}

async fn page_inner(state: AppState, id: String) -> Result<Markup, ApiError> {
    let page = state
        .read(move |store| {
            store
                .article(&id)?
                .ok_or_else(|| ApiError::not_found(format!("There is no article {id:?}.")))
        })
        .await?;
    Ok(render(&page))
}

/// How a publication date was found, in words.
fn date_how(how: storyline_core::model::DateSource) -> &'static str {
    use storyline_core::model::DateSource;
    match how {
        DateSource::Metadata => "from the page's metadata",
        DateSource::Text => "read in the text",
        DateSource::Inferred => "not stated; inferred from the story's other articles",
    }
}

/// A value's name as the JSON writes it (`repeated_title`), spaced.
fn snake<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s.replace('_', " "),
        _ => String::new(),
    }
}

/// A stretch of a paragraph: plain text, or a sentence.
enum Piece<'a> {
    Text(&'a str),
    Sentence(usize, &'a str),
}

/// A paragraph cut at its sentences' byte spans (spans that do not fall on
/// character boundaries are shown as plain text, never cut).
fn pieces<'a>(body: &'a str, start: usize, end: usize, sents: &[StoredSentence]) -> Vec<Piece<'a>> {
    let mut out = Vec::new();
    let mut at = start;
    for s in sents {
        if s.start < at || s.start >= end {
            continue;
        }
        let stop = s.end.min(end);
        let (Some(gap), Some(text)) = (body.get(at..s.start), body.get(s.start..stop)) else {
            continue;
        };
        if !gap.is_empty() {
            out.push(Piece::Text(gap));
        }
        out.push(Piece::Sentence(s.idx, text));
        at = stop;
    }
    if let Some(rest) = body.get(at..end)
        && !rest.is_empty()
    {
        out.push(Piece::Text(rest));
    }
    out
}

fn render(p: &ArticlePage) -> Markup {
    let a = &p.article;
    let outlet = outlet_label(a.source.as_deref(), &a.path);
    layout(
        &shorten(&a.title, 80),
        html! {
            article class="article" {
                header {
                    p class="outlet" { (outlet) }
                    h1 { (a.title) }
                    @if let Some(sf) = &a.standfirst { p class="standfirst" { (sf) } }
                    dl class="meta" {
                        dt { "Published" }
                        dd {
                            @match &a.published {
                                Some(pb) => { (pb.iso()) " (" (date_how(pb.how)) ": “" (pb.evidence) "”)" }
                                None => "no date found",
                            }
                        }
                        @if let Some(dl) = &a.dateline { dt { "Dateline" } dd { (dl) } }
                        @if let Some(u) = &p.url { dt { "Original" } dd { (outside_link(u, &shorten(u, 100))) } }
                        dt { "Read from" } dd { code { (a.path) } }
                        dt { "Story" } dd { a href={ "/stories/" (p.story) } { "the story this article is in" } }
                        @if let Some(dup) = &p.duplicate_of {
                            dt { "Copy of" } dd { a href={ "/articles/" (dup) } { "the article this near-duplicates" } }
                        }
                    }
                }
                section class="body" aria-label="Article text" {
                    @for para in &a.paragraphs {
                        p {
                            @for piece in pieces(&a.body, para.span.start, para.span.end, &p.sentences) {
                                @match piece {
                                    Piece::Text(t) => (t),
                                    Piece::Sentence(i, t) => span class="sent" id={ "s" (i) } { (t) },
                                }
                            }
                        }
                    }
                }
                details class="dropped" {
                    summary { "Dropped site chrome (" (a.dropped.len()) " lines)" }
                    @if a.dropped.is_empty() { p { "Nothing was dropped." } } @else {
                        table {
                            thead { tr { th scope="col" { "Line" } th scope="col" { "Text" } th scope="col" { "Why" } } }
                            tbody {
                                @for dl in &a.dropped {
                                    tr { td { (dl.line) } td { (shorten(&dl.text, 200)) } td { (snake(&dl.reason)) } }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

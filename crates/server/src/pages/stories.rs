//! The story list (most recent first, filters, keyset pages) and the
//! search results page.

use super::{Page, layout, shorten};
use crate::api::{ListQuery, SearchQuery, query, run_search, search_params, story_page};
use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{Query, State};
use maud::{Markup, html};

/// `/`: stories, most recent first.
pub async fn list(
    State(state): State<AppState>,
    q: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Page {
    Page(list_inner(state, q).await)
}

async fn list_inner(
    state: AppState,
    q: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Markup, ApiError> {
    let params = query(q)?.parse()?;
    let filter = params.filter.clone();
    let page = story_page(&state, params).await?;
    let outlets = state.outlets().await?;
    let next_href = page.next.as_ref().map(|c| {
        let mut parts = vec![format!("cursor={}", urlencode(c))];
        for (k, v) in [
            ("from", &filter.from),
            ("to", &filter.to),
            ("outlet", &filter.outlet),
        ] {
            if let Some(v) = v {
                parts.push(format!("{k}={}", urlencode(v)));
            }
        }
        format!("/?{}", parts.join("&"))
    });
    let filtered = filter.from.is_some() || filter.to.is_some() || filter.outlet.is_some();
    Ok(layout(
        "Stories",
        html! {
            h1 { "Stories" }
            form class="filters" action="/" method="get" aria-label="Filter stories" {
                label { "From " input type="date" name="from" value=[filter.from.as_deref()]; }
                label { "To " input type="date" name="to" value=[filter.to.as_deref()]; }
                label { "Outlet "
                    select name="outlet" {
                        option value="" { "any" }
                        @for (o, n) in outlets.iter() {
                            option value=(o) selected[filter.outlet.as_deref() == Some(o.as_str())] {
                                (shorten(o, 40)) " (" (n) ")"
                            }
                        }
                    }
                }
                button type="submit" { "Filter" }
                @if filtered { " " a href="/" { "Clear" } }
            }
            @if page.stories.is_empty() {
                p class="empty" { "No stories" @if filtered { " match these filters" } "." }
            }
            ol class="story-list" {
                @for s in &page.stories {
                    li {
                        h2 { a href={ "/stories/" (s.id) } { (shorten(&s.headline, 160)) } }
                        p class="meta" {
                            (date_range(s.first.as_deref(), s.last.as_deref()))
                            " · " (plural(s.articles, "source", "sources"))
                            " · " (plural(s.outlets, "outlet", "outlets"))
                            @if s.carriers > 0 { " · " (plural(s.carriers, "copy", "copies")) }
                            @if s.set_aside {
                                " · set aside: " (s.set_aside_reason.as_deref().unwrap_or("too little article text"))
                            }
                        }
                        @if !s.key_terms.is_empty() {
                            p class="terms" { @for t in s.key_terms.iter().take(6) { span { (t) } " " } }
                        }
                    }
                }
            }
            @if let Some(h) = next_href {
                nav class="pager" aria-label="Pages" { a rel="next" href=(h) { "Older stories →" } }
            }
        },
    ))
}

/// `/search?q=`: matching articles, best first.
pub async fn search(
    State(state): State<AppState>,
    q: Result<Query<SearchQuery>, axum::extract::rejection::QueryRejection>,
) -> Page {
    Page(search_inner(state, q).await)
}

async fn search_inner(
    state: AppState,
    q: Result<Query<SearchQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Markup, ApiError> {
    let p = search_params(&query(q)?)?;
    let recent = p.recent;
    let results = run_search(&state, p).await?;
    Ok(layout(
        &format!("Search: {}", shorten(&results.query, 60)),
        html! {
            h1 { "Articles matching “" (results.query) "”" }
            p class="meta" {
                @if recent { "Latest first · " a href={ "/search?q=" (urlencode(&results.query)) } { "best first" } }
                @else { "Best first · " a href={ "/search?sort=recent&q=" (urlencode(&results.query)) } { "latest first" } }
            }
            @if results.hits.is_empty() { p class="empty" { "No article matches." } }
            ol class="hits" {
                @for h in &results.hits {
                    li {
                        a href={ "/articles/" (h.article) } { (shorten(&h.title, 160)) }
                        " — " a href={ "/stories/" (h.story) } { "its story" }
                        p class="snippet" { (h.snippet) }
                    }
                }
            }
        },
    ))
}

/// A date or a span of dates.
pub fn date_range(first: Option<&str>, last: Option<&str>) -> String {
    match (first, last) {
        (Some(f), Some(l)) if f != l => format!("{f} – {l}"),
        (Some(d), _) | (None, Some(d)) => d.to_string(),
        (None, None) => "undated".to_string(),
    }
}

/// `1 source`, `3 sources`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Encodes a query value (form encoding, as browsers send forms).
pub fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

//! The reader's pages, rendered on the server with maud (every interpolated
//! value is escaped; nothing from an article is ever written as markup).
//! They read with JavaScript off: citation tips show on hover and focus by
//! CSS, sentence highlights are `:target`, the dropped chrome is a
//! `<details>`.

mod article;
mod coverage;
mod stories;
mod story;
mod timeline;

use crate::error::ApiError;
use crate::state::AppState;
use axum::Router;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use maud::{DOCTYPE, Markup, html};

/// The pages' routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(stories::list))
        .route("/search", get(stories::search))
        .route("/stories/{id}", get(story::page))
        .route("/articles/{id}", get(article::page))
}

/// A page's frame: head, banner with the search box, main, footer.
pub fn layout(title: &str, main: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (title) " · storyline" }
                link rel="icon" href="/static/favicon.svg" type="image/svg+xml";
                link rel="stylesheet" href="/static/style.css";
                script src="/static/app.js" defer {}
            }
            body {
                a class="skip" href="#main" { "Skip to content" }
                header class="banner" {
                    a class="brand" href="/" { "storyline" }
                    form class="search" role="search" action="/search" method="get" {
                        label for="q" class="visually-hidden" { "Search articles" }
                        input id="q" type="search" name="q" placeholder="Search articles" maxlength="1000";
                        button type="submit" { "Search" }
                    }
                }
                main id="main" { (main) }
                footer {
                    p { "Every statement points at the sentences it comes from. "
                        a href="/api/v1/openapi.json" { "JSON API" } }
                }
            }
        }
    }
}

/// An error as a page, with the error's status.
pub fn error_page(e: &ApiError) -> Response {
    let title = match e.status {
        StatusCode::NOT_FOUND => "Not found",
        StatusCode::BAD_REQUEST => "Bad request",
        _ => "Something went wrong",
    };
    let body = layout(
        title,
        html! {
            h1 { (title) }
            p { (e.detail) }
            p { a href="/" { "All stories" } }
        },
    );
    (e.status, body).into_response()
}

/// A page handler's result: the page, or the error shown as a page.
pub struct Page(pub Result<Markup, ApiError>);

impl IntoResponse for Page {
    fn into_response(self) -> Response {
        match self.0 {
            Ok(m) => m.into_response(),
            Err(e) => error_page(&e),
        }
    }
}

/// An http(s) URL fit for a link, or `None`: no other scheme (no
/// `javascript:`, `data:`) ever becomes an `href`.
pub fn safe_url(url: &str) -> Option<&str> {
    let u = url.trim();
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    let ok_scheme = lower.starts_with("http://") || lower.starts_with("https://");
    let clean = !u
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || c == '\\');
    (ok_scheme && clean && u.len() <= 2048).then_some(u)
}

/// An outside link: opens nothing of ours to the target, tells it nothing.
pub fn outside_link(url: &str, text: &str) -> Markup {
    html! {
        @match safe_url(url) {
            Some(u) => a href=(u) rel="noopener noreferrer nofollow" { (text) },
            None => span class="url" { (text) },
        }
    }
}

/// Text cut to about `max` characters at a word, with an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end())
}

/// The name a source goes by: its outlet, else its file's name.
pub fn outlet_label(outlet: Option<&str>, path: &str) -> String {
    match outlet {
        Some(o) if !o.trim().is_empty() => o.trim().to_string(),
        _ => path
            .rsplit(['/', '\\'])
            .next()
            .filter(|s| !s.is_empty())
            .unwrap_or(path)
            .to_string(),
    }
}

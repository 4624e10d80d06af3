//! The stylesheet, the script and the icon, compiled into the binary.

use crate::state::AppState;
use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

const STYLE: &str = include_str!("../assets/style.css");
const SCRIPT: &str = include_str!("../assets/app.js");
const ICON: &str = include_str!("../assets/favicon.svg");

fn asset(kind: &'static str, body: &'static str) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
}

/// Path, content type and body of each asset.
const ASSETS: &[(&str, &str, &str)] = &[
    ("/static/style.css", "text/css; charset=utf-8", STYLE),
    ("/static/app.js", "text/javascript; charset=utf-8", SCRIPT),
    ("/static/favicon.svg", "image/svg+xml", ICON),
    ("/favicon.ico", "image/svg+xml", ICON),
];

/// `/static/*` and `/favicon.ico`.
pub fn routes() -> Router<AppState> {
    ASSETS
        .iter()
        .fold(Router::new(), |router, &(path, kind, body)| {
            router.route(path, get(move || async move { asset(kind, body) }))
        })
}

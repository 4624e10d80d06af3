//! What every answer carries and every request is held to: a strict
//! Content-Security-Policy (scripts and styles from this server only, no
//! inline script or style, no frames, no plugins), `nosniff`, no referrer,
//! a time limit (JSON `408`), a body limit, a cap on requests at once,
//! gzip, and a trace span per request.

use crate::Limits;
use crate::error::ApiError;
use axum::Router;
use axum::error_handling::HandleErrorLayer;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::IntoResponse;
use tower::ServiceBuilder;
use tower_http::set_header::SetResponseHeaderLayer;

/// The Content-Security-Policy of every answer.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
     connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

fn header(name: &'static str, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::overriding(
        HeaderName::from_static(name),
        HeaderValue::from_static(value),
    )
}

async fn timed_out(err: tower::BoxError) -> axum::response::Response {
    if err.is::<tower::timeout::error::Elapsed>() {
        ApiError {
            status: StatusCode::REQUEST_TIMEOUT,
            error: "timeout",
            detail: "the request took longer than the server's time limit".into(),
        }
        .into_response()
    } else {
        ApiError::internal(format!("middleware: {err}")).into_response()
    }
}

/// A body whose declared length is over the limit is refused at once, from
/// its headers, before any of it is read.
async fn refuse_long_bodies(
    axum::extract::State(limit): axum::extract::State<usize>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let declared = req
        .headers()
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return ApiError::too_large(limit).into_response();
    }
    next.run(req).await
}

/// Puts the layers around `router`.
pub fn apply(router: Router, limits: &Limits) -> Router {
    let stack = ServiceBuilder::new()
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .layer(header("content-security-policy", CSP))
        .layer(header("x-content-type-options", "nosniff"))
        .layer(header("referrer-policy", "no-referrer"))
        .layer(header("x-frame-options", "DENY"))
        .layer(header("cross-origin-opener-policy", "same-origin"))
        .layer(tower_http::compression::CompressionLayer::new())
        .layer(HandleErrorLayer::new(timed_out))
        .layer(tower::timeout::TimeoutLayer::new(limits.request_timeout))
        .layer(tower::limit::ConcurrencyLimitLayer::new(limits.concurrency));
    router
        .layer(DefaultBodyLimit::max(limits.body_bytes))
        .layer(axum::middleware::from_fn_with_state(
            limits.body_bytes,
            refuse_long_bodies,
        ))
        .layer(stack)
}

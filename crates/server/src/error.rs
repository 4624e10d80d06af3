//! Errors as the API answers them: `{"error": ..., "detail": ...}` with the
//! status that says what went wrong. A 500 says only that something failed
//! inside; the cause goes to the log.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// An error answer.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// A short code: `bad_request`, `not_found`, `conflict`, ...
    pub error: &'static str,
    /// What went wrong, for the person reading it.
    pub detail: String,
}

/// The JSON body of an error.
#[derive(Debug, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// A short code: `bad_request`, `not_found`, `conflict`, `payload_too_large`,
    /// `read_only`, `timeout`, `internal`.
    pub error: String,
    /// What went wrong: the field, line or record at fault where there is one.
    pub detail: String,
}

impl ApiError {
    /// 400: the request is wrong; `detail` names the field or line.
    pub fn bad_request(detail: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            error: "bad_request",
            detail: detail.into(),
        }
    }

    /// 404.
    pub fn not_found(detail: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            error: "not_found",
            detail: detail.into(),
        }
    }

    /// 409: the request conflicts with what is stored.
    pub fn conflict(detail: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::CONFLICT,
            error: "conflict",
            detail: detail.into(),
        }
    }

    /// 413.
    pub fn too_large(limit: usize) -> ApiError {
        ApiError {
            status: StatusCode::PAYLOAD_TOO_LARGE,
            error: "payload_too_large",
            detail: format!("the request body is larger than the limit of {limit} bytes"),
        }
    }

    /// 503: the server was started read-only.
    pub fn read_only() -> ApiError {
        ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            error: "read_only",
            detail: "this server is read-only (--read-only): it accepts no articles".into(),
        }
    }

    /// 500: the cause is logged, not sent.
    pub fn internal(cause: String) -> ApiError {
        tracing::error!("internal error: {cause}");
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            error: "internal",
            detail: "the server failed to answer this request; the cause is in its log".into(),
        }
    }

    /// The JSON body.
    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            error: self.error.to_string(),
            detail: self.detail.clone(),
        }
    }
}

impl From<storyline_store::Error> for ApiError {
    fn from(e: storyline_store::Error) -> ApiError {
        match e {
            storyline_store::Error::BadQuery { query, source } => {
                let why = match &source {
                    rusqlite::Error::SqliteFailure(_, Some(msg)) => msg.clone(),
                    _ => "not a valid full-text query".to_string(),
                };
                ApiError::bad_request(format!("q: cannot search for {query:?}: {why}"))
            }
            other => ApiError::internal(other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, axum::Json(self.body())).into_response()
    }
}

/// Unknown paths: a JSON 404 under `/api/`, a page elsewhere.
pub async fn not_found(uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") {
        ApiError::not_found(format!("no such endpoint: {}", uri.path())).into_response()
    } else {
        crate::pages::error_page(&ApiError::not_found(format!(
            "There is no page at {}.",
            uri.path()
        )))
    }
}

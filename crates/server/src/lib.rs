//! storyline's web reader and JSON API over a store.
//!
//! - [`router`]: the pages (`/`, `/stories/{id}`, `/articles/{id}`), the
//!   JSON API under `/api/v1` and the embedded assets, behind the security
//!   headers, limits and timeouts of [`Limits`].
//! - [`serve`]: accepts connections on a listener until a shutdown future
//!   resolves, then drains them.
//!
//! Reads run on blocking threads, each with its own SQLite connection (the
//! store is in WAL mode: readers never wait for the one writer); writes
//! (`POST /api/v1/articles`) go through one writer connection and the same
//! ingest as `storyline ingest`.

mod api;
mod assets;
mod error;
mod openapi;
mod pages;
mod security;
mod state;

use axum::Router;
use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

pub use error::ApiError;
pub use openapi::openapi_json;
pub use state::AppState;

/// Limits on requests.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest request body (`POST /api/v1/articles`), bytes.
    pub body_bytes: usize,
    /// Time to read a request's headers before the connection is closed
    /// (slow clients).
    pub header_timeout: Duration,
    /// Time to answer a request, body read included (`408` past it).
    pub request_timeout: Duration,
    /// Requests handled at once; more wait.
    pub concurrency: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            body_bytes: 16 << 20,
            header_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            concurrency: 512,
        }
    }
}

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// The store.
    pub db: PathBuf,
    /// Refuse writes (`503` on `POST`).
    pub read_only: bool,
    /// Limits.
    pub limits: Limits,
}

/// The whole application: pages, API, assets, security headers, limits.
pub fn router(state: AppState) -> Router {
    let limits = state.limits().clone();
    let app = Router::new()
        .merge(pages::routes())
        .nest("/api/v1", api::routes())
        .merge(assets::routes())
        .fallback(error::not_found)
        .with_state(state);
    security::apply(app, &limits)
}

/// Serves `app` on `listener` until `shutdown` resolves, then lets the open
/// connections finish (at most `drain`).
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    limits: &Limits,
    shutdown: impl Future<Output = ()> + Send,
    drain: Duration,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
    use hyper_util::server::conn::auto::Builder;
    use hyper_util::server::graceful::GracefulShutdown;

    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_buf_size(64 * 1024);
    let builder = builder.http1_only();
    let graceful = GracefulShutdown::new();
    let service = hyper_util::service::TowerToHyperService::new(app);
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, _peer): (tokio::net::TcpStream, SocketAddr) = match accepted {
                    Ok(x) => x,
                    Err(e) => {
                        // Out of file descriptors and the like: wait, go on.
                        tracing::warn!("accept failed: {e}");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let _ = stream.set_nodelay(true);
                let conn = builder.serve_connection_with_upgrades(TokioIo::new(stream), service.clone());
                let conn = graceful.watch(conn.into_owned());
                tokio::spawn(async move {
                    let _ = conn.await;
                });
            }
            () = &mut shutdown => break,
        }
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(drain) => {}
    }
    Ok(())
}

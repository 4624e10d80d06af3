//! `storyline serve`: the web reader and the JSON API over a store, or over
//! inputs ingested first (into a temporary store unless `--db` is given).

use super::ingest::ingest_paths;
use anyhow::Context;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;
use storyline_server::{AppState, Config, Limits};
use storyline_store::Store;
use storyline_store::ingest::IngestConfig;

/// Arguments of `serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Inputs to ingest before serving (files, folders); none with `--db` alone.
    pub paths: Vec<PathBuf>,
    /// The store to serve (created if absent). Without it, inputs go into a
    /// temporary store removed on exit.
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Address to listen on. The default is loopback only: give another
    /// address to let other machines read (there is no authentication).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Refuse writes (`POST /api/v1/articles` answers 503).
    #[arg(long)]
    pub read_only: bool,
    /// Largest request body in MiB.
    #[arg(long, default_value_t = 16)]
    pub max_body_mib: usize,
    /// Seconds a request may take, body included.
    #[arg(long, default_value_t = 30)]
    pub request_timeout: u64,
    /// Worker threads for HTTP (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// No ingest progress bar or account.
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub read: crate::input::ReadArgs,
}

/// Runs `serve`.
pub fn run(a: ServeArgs) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(
        a.db.is_some() || !a.paths.is_empty(),
        "give a store (--db FILE) or inputs to serve (storyline serve examples/iraq-2020-01-10)"
    );
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .try_init();
    let temp;
    let db = match &a.db {
        Some(db) => db.clone(),
        None => {
            temp = tempfile::Builder::new()
                .prefix("storyline-serve-")
                .tempdir()
                .context("making a temporary folder for the store")?;
            temp.path().join("stories.db")
        }
    };
    let mut skipped = 0;
    if !a.paths.is_empty() {
        let mut store = Store::open(&db)?;
        let acct = ingest_paths(
            &mut store,
            &a.paths,
            &IngestConfig::default(),
            &a.read,
            a.quiet,
        )?;
        skipped = acct.skipped_total();
        anyhow::ensure!(
            acct.added + acct.already_stored > 0,
            "no article could be read from the inputs"
        );
    }
    let mut rt = tokio::runtime::Builder::new_multi_thread();
    let cores = a
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, std::num::NonZero::get));
    rt.worker_threads(cores.max(1));
    // Reads run on blocking threads, each holding a SQLite connection and its
    // page cache: a few per core keep the cores busy and memory flat.
    rt.max_blocking_threads((cores * 4).clamp(4, 64));
    let rt = rt
        .enable_all()
        .build()
        .context("starting the HTTP runtime")?;
    let limits = Limits {
        body_bytes: a.max_body_mib.max(1) << 20,
        request_timeout: Duration::from_secs(a.request_timeout.max(1)),
        ..Limits::default()
    };
    let state = AppState::new(Config {
        db: db.clone(),
        read_only: a.read_only,
        limits: limits.clone(),
    })?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(a.addr)
            .await
            .with_context(|| format!("listening on {}", a.addr))?;
        let local = listener.local_addr()?;
        if !local.ip().is_loopback() {
            eprintln!(
                "storyline: warning: listening on {local}, reachable from other machines; the server has no authentication"
            );
        }
        eprintln!(
            "storyline: serving {} at http://{local}/ (API: http://{local}/api/v1/stories){}; Ctrl-C stops",
            db.display(),
            if a.read_only { ", read-only" } else { "" }
        );
        storyline_server::serve(
            listener,
            storyline_server::router(state),
            &limits,
            shutdown_signal(),
            Duration::from_secs(5),
        )
        .await
        .context("serving")?;
        eprintln!("storyline: stopped");
        anyhow::Ok(())
    })?;
    Ok(super::exit_code(skipped))
}

/// Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

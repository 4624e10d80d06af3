//! The shared state: the store's path and settings, the writer's lock, and
//! per-thread read connections.

use crate::error::ApiError;
use crate::{Config, Limits};
use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use storyline_store::Store;

/// What every handler shares. Cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

struct Inner {
    config: Config,
    /// One writer at a time (SQLite has one); readers never take it.
    writer: Mutex<Option<Store>>,
    /// Tells this state's read connections from another's (tests run
    /// several servers in one process).
    id: u64,
    /// The outlets for the list page's filter, counted at most once a
    /// minute (a count over every article is too dear for each request).
    outlets: Mutex<Option<(Instant, Outlets)>>,
}

/// Outlets and their article counts, most first.
pub type Outlets = Arc<Vec<(String, usize)>>;

/// How long the outlet list is reused.
const OUTLETS_FOR: Duration = Duration::from_secs(60);

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

thread_local! {
    /// Read connections of this (blocking) thread, one per state.
    static READERS: RefCell<Vec<(u64, Store)>> = const { RefCell::new(Vec::new()) };
}

/// Ends a read transaction when dropped.
struct ReadTx<'a>(&'a Store);

impl Drop for ReadTx<'_> {
    fn drop(&mut self) {
        if let Err(e) = self.0.end_read() {
            tracing::warn!("ending a read transaction: {e}");
        }
    }
}

impl AppState {
    /// Opens (creating and migrating when needed) the store.
    pub fn new(config: Config) -> Result<AppState, storyline_store::Error> {
        let store = Store::open(&config.db)?;
        Ok(AppState(Arc::new(Inner {
            config,
            writer: Mutex::new(Some(store)),
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            outlets: Mutex::new(None),
        })))
    }

    /// The limits.
    pub fn limits(&self) -> &Limits {
        &self.0.config.limits
    }

    /// Whether writes are refused.
    pub fn read_only(&self) -> bool {
        self.0.config.read_only
    }

    /// Runs `f` on a blocking thread with that thread's read connection,
    /// inside one read transaction (every query sees the same snapshot,
    /// whatever an ingest commits meanwhile).
    pub async fn read<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    {
        let me = self.clone();
        tokio::task::spawn_blocking(move || {
            READERS.with(|cell| {
                let mut readers = cell.borrow_mut();
                let pos = match readers.iter().position(|(id, _)| *id == me.0.id) {
                    Some(p) => p,
                    None => {
                        let store = Store::open(&me.0.config.db)?;
                        readers.push((me.0.id, store));
                        readers.len() - 1
                    }
                };
                let store = &readers[pos].1;
                store.begin_read()?;
                // Ended on every way out, a panic in `f` included: a
                // transaction left open would fail this thread's next read.
                let _tx = ReadTx(store);
                f(store)
            })
        })
        .await
        .map_err(|e| ApiError::internal(format!("a read task failed: {e}")))?
    }

    /// The store's outlets, most articles first (counted at most once a minute).
    pub async fn outlets(&self) -> Result<Outlets, ApiError> {
        if let Ok(cache) = self.0.outlets.lock()
            && let Some((at, list)) = cache.as_ref()
            && at.elapsed() < OUTLETS_FOR
        {
            return Ok(list.clone());
        }
        let list = Arc::new(self.read(|store| Ok(store.outlets(100)?)).await?);
        if let Ok(mut cache) = self.0.outlets.lock() {
            *cache = Some((Instant::now(), list.clone()));
        }
        Ok(list)
    }

    /// Runs `f` with the writer connection on a blocking thread: one write
    /// at a time; `503` when the server is read-only.
    pub async fn write<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, ApiError> + Send + 'static,
    {
        if self.read_only() {
            return Err(ApiError::read_only());
        }
        let me = self.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard =
                me.0.writer
                    .lock()
                    .map_err(|_| ApiError::internal("the writer lock is poisoned".to_string()))?;
            let store = match guard.as_mut() {
                Some(s) => s,
                None => guard.insert(Store::open(&me.0.config.db)?),
            };
            f(store)
        })
        .await
        .map_err(|e| ApiError::internal(format!("a write task failed: {e}")))?
    }
}

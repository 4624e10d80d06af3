//! Shared by the server's tests: stores made from the example and from
//! fixtures, a server on loopback that stops when the test ends, an HTTP
//! client, and Chromium through chromedriver.

#![allow(dead_code)]

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;
use storyline_server::{AppState, Config, Limits};
use storyline_store::Store;
use storyline_store::ingest::{Ingest, IngestConfig, Quiet, records};

/// The repository's root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The bundled example's folder.
pub fn example() -> PathBuf {
    repo().join("examples/iraq-2020-01-10")
}

/// Ingests `paths` into a new store at `db`, as `storyline ingest` does.
pub fn make_store(db: &Path, paths: &[PathBuf]) {
    let mut store = Store::open(db).expect("open store");
    let mut ingest = Ingest::new(&mut store, &IngestConfig::default()).expect("ingest");
    ingest.run(records(paths), &mut Quiet).expect("ingest run");
    ingest.finish(&mut Quiet).expect("digests");
}

/// A server on 127.0.0.1 (an ephemeral port) over `db`; it stops when
/// dropped.
pub struct TestServer {
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    done: Option<tokio::task::JoinHandle<()>>,
}

impl TestServer {
    pub async fn start(db: &Path, read_only: bool, limits: Limits) -> TestServer {
        let state = AppState::new(Config {
            db: db.to_path_buf(),
            read_only,
            limits: limits.clone(),
        })
        .expect("state");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().expect("addr");
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let app = storyline_server::router(state);
        let done = tokio::spawn(async move {
            let _ = storyline_server::serve(
                listener,
                app,
                &limits,
                async {
                    let _ = rx.await;
                },
                Duration::from_secs(2),
            )
            .await;
        });
        TestServer {
            addr,
            stop: Some(tx),
            done: Some(done),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// Stops the server and waits for it.
    pub async fn stop(mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(d) = self.done.take() {
            let _ = tokio::time::timeout(Duration::from_secs(10), d).await;
        }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
    }
}

/// An answer.
pub struct Answer {
    pub status: u16,
    pub headers: hyper::HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "status {}: not JSON ({e}): {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One request, no keep-alive surprises; 30 s at most.
pub async fn request(
    server: &TestServer,
    method: &str,
    path: &str,
    body: Option<Vec<u8>>,
) -> Answer {
    use hyper_util::client::legacy::Client;
    use hyper_util::rt::TokioExecutor;
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    let req = hyper::Request::builder()
        .method(method)
        .uri(server.url(path))
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(body.unwrap_or_default())))
        .expect("request");
    let resp = tokio::time::timeout(Duration::from_secs(30), client.request(req))
        .await
        .expect("answer in time")
        .expect("answer");
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let body = resp
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes()
        .to_vec();
    Answer {
        status,
        headers,
        body,
    }
}

pub async fn get(server: &TestServer, path: &str) -> Answer {
    request(server, "GET", path, None).await
}

pub async fn post(server: &TestServer, path: &str, body: impl Into<Vec<u8>>) -> Answer {
    request(server, "POST", path, Some(body.into())).await
}

/// Whether the tests run in CI (where a missing browser is a failure).
pub fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// A program on PATH or at one of the usual places.
fn find(names: &[&str]) -> Option<PathBuf> {
    for n in names {
        let p = Path::new(n);
        if p.is_absolute() && p.exists() {
            return Some(p.to_path_buf());
        }
        if let Some(paths) = std::env::var_os("PATH") {
            for dir in std::env::split_paths(&paths) {
                let c = dir.join(n);
                if c.exists() {
                    return Some(c);
                }
            }
        }
    }
    None
}

/// Chromium driven through chromedriver (Debian's `chromium` and
/// `chromium-driver`), headless, with its own profile; both end on drop.
pub struct Browser {
    pub client: fantoccini::Client,
    driver: std::process::Child,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts one, or `None` when Chromium or chromedriver is missing
    /// outside CI. In CI a missing browser fails the test: browser tests
    /// never pass by skipping there.
    pub async fn start(javascript: bool, width: u32, height: u32) -> Option<Browser> {
        let chromium = std::env::var_os("STORYLINE_CHROMIUM")
            .map(PathBuf::from)
            .or_else(|| find(&["/usr/bin/chromium", "chromium", "chromium-browser"]));
        let driver = find(&["/usr/bin/chromedriver", "chromedriver"]);
        let (Some(chromium), Some(driver)) = (chromium, driver) else {
            let msg =
                "Chromium or chromedriver not found (apt-get install chromium chromium-driver)";
            if in_ci() {
                panic!("{msg}: the browser tests cannot run");
            }
            eprintln!("SKIPPED browser test: {msg}");
            return None;
        };
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").expect("free port");
            l.local_addr().expect("port").port()
        };
        let child = std::process::Command::new(&driver)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let profile = tempfile::tempdir().expect("profile dir");
        let mut args = vec![
            "--headless=new".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--disable-dev-shm-usage".into(),
            "--hide-scrollbars".into(),
            format!("--window-size={width},{height}"),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        if !javascript {
            args.push("--blink-settings=scriptEnabled=false".into());
        }
        let mut options = serde_json::json!({ "binary": chromium, "args": args });
        if width < 500 {
            // Chromium's windows are 500 px wide at least: narrower is a phone, emulated.
            options["mobileEmulation"] = serde_json::json!({
                "deviceMetrics": { "width": width, "height": height, "pixelRatio": 2 }
            });
        }
        let mut caps = serde_json::Map::new();
        caps.insert("goog:chromeOptions".into(), options);
        let url = format!("http://127.0.0.1:{port}");
        let mut last = None;
        for _ in 0..100 {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match fantoccini::ClientBuilder::new(connector)
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => {
                    return Some(Browser {
                        client,
                        driver: child,
                        _profile: profile,
                    });
                }
                Err(e) => {
                    last = Some(e.to_string());
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        }
        panic!("chromedriver did not answer: {last:?}");
    }

    /// Runs a script, returns its value.
    pub async fn js(&self, script: &str) -> serde_json::Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Ends the session and the driver.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
    }
}

//! `storyline serve` as a user runs it: inputs ingested into a temporary
//! store, the URL said on start, pages and API answered on loopback, and
//! SIGINT (Ctrl-C) stopping it cleanly with the temporary store removed.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn example() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/iraq-2020-01-10")
}

/// A plain HTTP/1.1 GET; the status line and body.
fn get(addr: &str, path: &str) -> (String, String) {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .expect("write");
    let mut out = String::new();
    s.read_to_string(&mut out).expect("read");
    let status = out.lines().next().unwrap_or("").to_string();
    let body = out
        .split_once("\r\n\r\n")
        .map(|x| x.1)
        .unwrap_or("")
        .to_string();
    (status, body)
}

#[test]
fn serve_ingests_the_inputs_says_the_url_and_stops_on_ctrl_c() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_storyline"))
        .args(["serve", "--addr", "127.0.0.1:0", "--quiet"])
        .arg(example())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start serve");
    let mut err = BufReader::new(child.stderr.take().expect("stderr"));
    let mut line = String::new();
    let started = Instant::now();
    while !line.contains("http://") {
        line.clear();
        assert!(
            err.read_line(&mut line).expect("stderr") > 0,
            "serve exited"
        );
        assert!(started.elapsed() < Duration::from_secs(60));
    }
    // "storyline: serving /tmp/storyline-serve-XXXX/stories.db at http://127.0.0.1:PORT/ ..."
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .expect("url")
        .to_string();
    let addr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let db = line
        .split_whitespace()
        .find(|w| w.ends_with(".db"))
        .expect("store path")
        .to_string();
    assert!(std::path::Path::new(&db).exists());
    assert!(addr.starts_with("127.0.0.1:"), "{addr}");

    let (status, body) = get(&addr, "/api/v1/healthz");
    assert!(status.contains("200"), "{status}");
    assert!(body.contains("\"articles\":3"), "{body}");
    let (status, body) = get(&addr, "/");
    assert!(status.contains("200"), "{status}");
    assert!(body.contains("troop withdrawal"), "{body}");

    // Ctrl-C.
    let ok = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(ok.success());
    let stopped = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        assert!(
            stopped.elapsed() < Duration::from_secs(15),
            "still running after Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    let mut rest = String::new();
    let _ = err.read_to_string(&mut rest);
    assert!(rest.contains("stopped"), "{rest}");
    assert!(
        !std::path::Path::new(&db).exists(),
        "the temporary store is removed"
    );
    assert!(
        TcpStream::connect(&addr).is_err(),
        "nothing listens any more"
    );
}

#[test]
fn serve_without_a_store_or_inputs_says_what_to_give() {
    let out = Command::new(env!("CARGO_BIN_EXE_storyline"))
        .arg("serve")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--db"), "{err}");
}

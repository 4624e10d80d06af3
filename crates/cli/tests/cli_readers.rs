//! The readers through the command line: `clean` on HTML, JSONL on stdin,
//! and `eval extract`.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const PARAS: [&str; 4] = [
    "The regional rail operator announced on Wednesday that night trains will return to the coastal line next month.",
    "Services were suspended three years ago when the old sleeper carriages failed a safety inspection.",
    "The new carriages were built locally and each one carries forty passengers in private compartments.",
    "Tickets go on sale on Friday, and the first departure is planned for the first weekend of the month.",
];

fn page() -> String {
    let body: String = PARAS.iter().map(|p| format!("<p>{p}</p>")).collect();
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><title>Night trains return | Coast Courier</title>\
         <meta property=\"og:site_name\" content=\"Coast Courier\">\
         <meta property=\"article:published_time\" content=\"2023-05-17T07:45:00+01:00\"></head>\
         <body><nav><a href=\"/\">Home</a> <a href=\"/travel\">Travel</a></nav>\
         <article><h1>Night trains return</h1>{body}</article>\
         <footer>Share this story</footer></body></html>"
    )
}

fn storyline() -> Command {
    Command::new(env!("CARGO_BIN_EXE_storyline"))
}

/// Runs a command to its end and checks that it succeeded (showing its
/// stderr when not).
#[track_caller]
fn run_ok(cmd: &mut Command) -> Output {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn clean_json_shows_what_html_extraction_found() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("trains.html");
    std::fs::write(&p, page()).unwrap();
    let out = run_ok(storyline().args(["clean", "--format", "json"]).arg(&p));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let a = &v[0];
    assert_eq!(a["title"], "Night trains return");
    assert_eq!(a["source"], "Coast Courier");
    assert_eq!(a["published"]["date"], "2023-05-17");
    assert_eq!(a["published"]["how"], "metadata");
    let body = a["body"].as_str().unwrap();
    for p in PARAS {
        assert!(body.contains(p), "missing {p:?} in {body:?}");
    }
    assert!(!body.contains("Home"), "{body}");
}

#[test]
fn jsonl_on_stdin_is_read_record_by_record() {
    let mut child = storyline()
        .args(["clean", "--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let lines = format!(
        "{}\n{{broken\n{}\n",
        serde_json::json!({"id": "r1", "title": "Night trains return", "text": PARAS.join("\n\n")}),
        serde_json::json!({"id": "r2", "title": "Second", "text": PARAS[1..].join("\n\n")}),
    );
    child
        .stdin
        .take()
        .unwrap()
        .write_all(lines.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["r1", "r2"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("<stdin>:2") && err.contains("invalid JSON"),
        "{err}"
    );
}

#[test]
fn eval_extract_reports_pages_and_the_mean() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("trains");
    std::fs::create_dir(&d).unwrap();
    std::fs::write(d.join("source.html"), page()).unwrap();
    let expected: String = PARAS.iter().map(|p| format!("<p>{p}</p>")).collect();
    std::fs::write(d.join("expected.html"), format!("<div>{expected}</div>")).unwrap();
    std::fs::write(
        d.join("expected-metadata.json"),
        r#"{"title": "Night trains return", "publishedTime": "2023-05-17T07:45:00+01:00"}"#,
    )
    .unwrap();
    let out = run_ok(
        storyline()
            .args(["eval", "extract", "--verbose", "--data"])
            .arg(dir.path()),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.lines().any(|l| l.starts_with("trains ")), "{text}");
    let last = text.lines().last().unwrap();
    assert!(last.starts_with("auto: 1 pages"), "{last}");
    assert!(
        last.contains("title 1/1") && last.contains("published time 1/1"),
        "{last}"
    );
    // Every extractor, both stages, in one table; the scored texts written.
    let written = dir.path().join("texts");
    let out = run_ok(
        storyline()
            .args(["eval", "extract", "--extractor", "all", "--both", "--data"])
            .arg(dir.path())
            .arg("--write")
            .arg(&written),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for name in ["auto", "readability", "trafilatura", "density"] {
        for label in [format!("| {name} |"), format!("| {name} (cleaned) |")] {
            assert!(text.contains(&label), "{label} missing: {text}");
        }
        let t =
            std::fs::read_to_string(written.join(format!("{name}-cleaned/trains.txt"))).unwrap();
        assert!(t.contains(PARAS[0]), "{name}: {t}");
    }
}

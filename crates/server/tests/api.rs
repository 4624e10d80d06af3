//! The JSON API over a real socket on loopback: every endpoint, every
//! error status, bad input (malformed JSON, a body over the limit, a slow
//! client, unknown ids, FTS syntax errors) with the server serving on, and
//! the OpenAPI document checked against the answers.

mod common;

use common::*;
use serde_json::{Value, json};
use std::io::{Read, Write};
use std::time::Duration;
use storyline_server::Limits;

fn small_limits() -> Limits {
    Limits {
        body_bytes: 1 << 20,
        header_timeout: Duration::from_millis(800),
        request_timeout: Duration::from_secs(2),
        concurrency: 64,
    }
}

async fn example_server(read_only: bool) -> (tempfile::TempDir, TestServer) {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("s.db");
    make_store(&db, &[example()]);
    let server = TestServer::start(&db, read_only, small_limits()).await;
    (dir, server)
}

async fn only_story(server: &TestServer) -> Value {
    let list = get(server, "/api/v1/stories").await;
    assert_eq!(list.status, 200, "{}", list.text());
    let v = list.json();
    assert_eq!(v["stories"].as_array().map(Vec::len), Some(1), "{v}");
    v["stories"][0].clone()
}

/// The error body names what went wrong.
fn assert_error(a: &Answer, status: u16, code: &str, mentions: &str) {
    assert_eq!(a.status, status, "{}", a.text());
    let v = a.json();
    assert_eq!(v["error"], code, "{v}");
    let detail = v["detail"].as_str().unwrap_or_default();
    assert!(
        detail.contains(mentions),
        "detail {detail:?} should mention {mentions:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_story_digest_is_the_digest_commands_json() {
    let (_dir, server) = example_server(false).await;
    let story = only_story(&server).await;
    assert_eq!(story["articles"], 3);
    assert_eq!(story["first"], "2020-01-10");
    let id = story["id"].as_str().expect("id");
    let a = get(&server, &format!("/api/v1/stories/{id}")).await;
    assert_eq!(a.status, 200);
    assert_eq!(
        a.headers.get("content-type").and_then(|v| v.to_str().ok()),
        Some("application/json")
    );
    let served = a.json();
    // `storyline digest --format json` of the same files builds this digest.
    let docs: Vec<_> = storyline_store::ingest::records(&[example()])
        .map(|(_, r)| storyline_core::clean::clean(&r.expect("example reads")))
        .collect();
    let built = storyline_core::digest::build_digest(
        docs,
        &storyline_core::digest::DigestConfig::default(),
    )
    .expect("digest");
    let expected = serde_json::to_value(&built).expect("json");
    assert_eq!(served["schema_version"], expected["schema_version"]);
    assert_eq!(served, expected, "the API's digest differs from digest's");
    // Its summary cites: every sentence has citations with spans.
    for s in served["summary"].as_array().expect("summary") {
        assert!(!s["citations"].as_array().expect("citations").is_empty());
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn articles_search_and_health() {
    let (_dir, server) = example_server(false).await;
    let h = get(&server, "/api/v1/healthz").await;
    assert_eq!(h.status, 200);
    assert_eq!(h.json()["articles"], 3);
    assert_eq!(h.json()["status"], "ok");

    let story = only_story(&server).await;
    let digest = get(
        &server,
        &format!("/api/v1/stories/{}", story["id"].as_str().unwrap_or("")),
    )
    .await
    .json();
    let cite = &digest["summary"][0]["citations"][0];
    let article = cite["article"].as_str().expect("article id");
    let a = get(&server, &format!("/api/v1/articles/{article}")).await;
    assert_eq!(a.status, 200, "{}", a.text());
    let v = a.json();
    assert_eq!(v["story"], story["id"]);
    // The cited sentence is the article's sentence at that index.
    let idx = cite["sentence"].as_u64().expect("idx") as usize;
    assert_eq!(v["sentences"][idx]["text"], cite["text"]);
    assert_eq!(v["sentences"][idx]["start"], cite["span"]["start"]);
    assert!(
        v["article"]["dropped"]
            .as_array()
            .is_some_and(|d| !d.is_empty())
    );

    let s = get(&server, "/api/v1/search?q=Ortagus").await;
    assert_eq!(s.status, 200);
    let hits = s.json()["hits"].as_array().cloned().unwrap_or_default();
    assert!(
        hits.len() >= 2,
        "Ortagus is in two articles at least: {hits:?}"
    );
    assert!(hits.iter().all(|h| {
        h["snippet"]
            .as_str()
            .is_some_and(|t| t.contains("[Ortagus]"))
    }));

    // Unknown ids: 404 with the id named.
    assert_error(
        &get(&server, "/api/v1/stories/s000").await,
        404,
        "not_found",
        "s000",
    );
    assert_error(
        &get(&server, "/api/v1/articles/nope").await,
        404,
        "not_found",
        "nope",
    );
    assert_error(
        &get(&server, "/api/v1/nothing-here").await,
        404,
        "not_found",
        "/api/v1/nothing-here",
    );
    // FTS5 syntax errors and missing queries: 400 naming the parameter.
    for q in ["%22unbalanced", "AND%20OR", "NEAR(", "*"] {
        let a = get(&server, &format!("/api/v1/search?q={q}")).await;
        assert_error(&a, 400, "bad_request", "q:");
    }
    assert_error(
        &get(&server, "/api/v1/search").await,
        400,
        "bad_request",
        "q:",
    );
    assert_error(
        &get(&server, "/api/v1/search?q=iraq&limit=0").await,
        400,
        "bad_request",
        "limit",
    );
    // The server still answers.
    assert_eq!(get(&server, "/api/v1/healthz").await.status, 200);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn listing_filters_and_parameters() {
    let (_dir, server) = example_server(false).await;
    let n = |v: Value| v["stories"].as_array().map(Vec::len).unwrap_or(99);
    assert_eq!(
        n(get(&server, "/api/v1/stories?from=2020-01-10").await.json()),
        1
    );
    assert_eq!(
        n(get(&server, "/api/v1/stories?from=2020-01-11").await.json()),
        0
    );
    assert_eq!(
        n(get(&server, "/api/v1/stories?to=2020-01-09").await.json()),
        0
    );
    assert_eq!(
        n(get(&server, "/api/v1/stories?outlet=Nobody").await.json()),
        0
    );
    assert_error(
        &get(&server, "/api/v1/stories?from=10%2F01%2F2020").await,
        400,
        "bad_request",
        "from",
    );
    assert_error(
        &get(&server, "/api/v1/stories?to=2020-13-01").await,
        400,
        "bad_request",
        "to",
    );
    assert_error(
        &get(&server, "/api/v1/stories?limit=500").await,
        400,
        "bad_request",
        "limit",
    );
    assert_error(
        &get(&server, "/api/v1/stories?cursor=garbage").await,
        400,
        "bad_request",
        "cursor",
    );
    assert_error(
        &get(&server, "/api/v1/stories?all=maybe").await,
        400,
        "bad_request",
        "all",
    );
    server.stop().await;
}

/// A JSON article about topic `t` on day `day` of January 2021.
fn article(id: &str, t: usize, day: u32, source: &str) -> Value {
    let words: Vec<String> = (0..14).map(|i| format!("topic{t}word{i}")).collect();
    let text = (0..6)
        .map(|k| {
            format!(
                "Officials said {} {} {} met the {} council on the matter of {} and {} this week number {k}.",
                words[k], words[k + 1], words[k + 2], words[k + 3], words[k + 4], words[k + 5]
            )
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    json!({
        "id": id,
        "title": format!("Report on {} and {}", words[0], words[1]),
        "text": text,
        "date": format!("2021-01-{day:02}"),
        "source": source,
        "url": format!("https://example.org/{id}"),
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn posting_articles_and_paging_with_a_cursor() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("s.db");
    let server = TestServer::start(&db, false, small_limits()).await;

    // One JSON article, laid out over several lines.
    let one = serde_json::to_string_pretty(&article("a0", 0, 1, "Outlet A")).expect("json");
    let a = post(&server, "/api/v1/articles", one.clone()).await;
    assert_eq!(a.status, 201, "{}", a.text());
    let v = a.json();
    assert_eq!(v["account"]["added"], 1);
    assert_eq!(v["placed"][0]["article"], "a0");
    assert_eq!(v["placed"][0]["new_story"], true);
    assert_eq!(v["stories"][0]["id"], v["placed"][0]["story"]);
    // The same again: nothing new, 409.
    assert_error(
        &post(&server, "/api/v1/articles", one).await,
        409,
        "conflict",
        "already stored",
    );

    // JSON lines: twelve stories on twelve days, a bad line in the middle.
    let mut lines = String::new();
    for t in 1..=12u32 {
        lines.push_str(
            &article(
                &format!("a{t}"),
                t as usize,
                t + 1,
                if t % 2 == 0 { "Outlet B" } else { "Outlet C" },
            )
            .to_string(),
        );
        lines.push('\n');
        if t == 6 {
            lines.push_str("{\"title\": \"broken\", \"text\": \n");
        }
    }
    let a = post(&server, "/api/v1/articles", lines).await;
    assert_eq!(a.status, 201, "{}", a.text());
    let v = a.json();
    assert_eq!(v["account"]["added"], 12);
    let skipped = v["skipped"].as_array().cloned().unwrap_or_default();
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(
        skipped[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("request:7")),
        "the bad line is named: {skipped:?}"
    );

    // An array of articles where the second joins the first's story.
    let mut dup = article("a13", 3, 4, "Outlet D");
    dup["url"] = json!("https://example.org/a13");
    let a = post(
        &server,
        "/api/v1/articles",
        serde_json::to_vec(&json!([dup])).expect("json"),
    )
    .await;
    assert_eq!(a.status, 201, "{}", a.text());
    let v = a.json();
    let joined = v["placed"][0]["story"].clone();
    assert_eq!(
        v["placed"][0]["new_story"], false,
        "a copy of a3 joins its story: {v}"
    );

    // Pages of 5, most recent first, every story once.
    let mut seen = Vec::new();
    let mut path = "/api/v1/stories?limit=5".to_string();
    let mut pages = 0;
    loop {
        let v = get(&server, &path).await.json();
        pages += 1;
        for s in v["stories"].as_array().cloned().unwrap_or_default() {
            seen.push((
                s["last"].as_str().unwrap_or("").to_string(),
                s["id"].as_str().unwrap_or("").to_string(),
            ));
        }
        match v["next"].as_str() {
            Some(c) => path = format!("/api/v1/stories?limit=5&cursor={c}"),
            None => break,
        }
        assert!(pages < 10, "the cursor must end");
    }
    let stored = get(&server, "/api/v1/healthz").await.json()["stories"]
        .as_u64()
        .unwrap_or(0) as usize;
    assert!(
        stored >= 10,
        "thirteen topics make ten stories at least: {stored}"
    );
    assert_eq!(seen.len(), stored, "every story listed: {seen:?}");
    let mut ids: Vec<_> = seen.iter().map(|s| s.1.clone()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), stored, "no story twice");
    assert!(
        seen.windows(2).all(|w| w[0].0 >= w[1].0),
        "most recent first: {seen:?}"
    );
    // Outlet filter: Outlet D's one story is the joined one.
    let v = get(&server, "/api/v1/stories?outlet=Outlet%20D")
        .await
        .json();
    assert_eq!(v["stories"].as_array().map(Vec::len), Some(1));
    assert_eq!(v["stories"][0]["id"], joined);

    // Bad bodies: each a 400 that says where.
    assert_error(
        &post(&server, "/api/v1/articles", "").await,
        400,
        "bad_request",
        "body",
    );
    assert_error(
        &post(&server, "/api/v1/articles", "not json").await,
        400,
        "bad_request",
        "body",
    );
    assert_error(
        &post(&server, "/api/v1/articles", "[{\"text\": 1},").await,
        400,
        "bad_request",
        "line 1",
    );
    assert_error(
        &post(&server, "/api/v1/articles", "{\"title\": \"no text\"}").await,
        400,
        "bad_request",
        "request:1",
    );
    assert_error(
        &post(&server, "/api/v1/articles", vec![0xff, 0xfe, b'{']).await,
        400,
        "bad_request",
        "UTF-8",
    );
    // A 50 MB body is refused from its Content-Length, before it is sent.
    let addr = server.addr;
    let answer = tokio::task::spawn_blocking(move || {
        let mut s = std::net::TcpStream::connect(addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
        s.write_all(b"POST /api/v1/articles HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 52428800\r\n\r\n{\"text\": \"")
            .expect("write");
        let mut buf = [0u8; 4096];
        let n = s.read(&mut buf).unwrap_or(0);
        String::from_utf8_lossy(&buf[..n]).into_owned()
    })
    .await
    .expect("join");
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("payload_too_large"), "{answer}");
    // Still serving.
    assert_eq!(get(&server, "/api/v1/healthz").await.json()["articles"], 14);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_record_with_no_body_text_is_stored_set_aside_with_its_reason() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("s.db");
    let server = TestServer::start(&db, false, small_limits()).await;
    // A share prompt under a headline: nothing of it is article text.
    let flash = json!({"id": "flash", "title": "Flash", "text": "Share this article", "date": "2021-01-02"});
    let body = format!("{}\n{flash}\n", article("a0", 0, 1, "Outlet A"));
    let a = post(&server, "/api/v1/articles", body).await;
    assert_eq!(a.status, 201, "{}", a.text());
    let v = a.json();
    assert_eq!(v["account"]["added"], 2, "{v}");
    assert_eq!(v["account"]["set_aside"], 1, "{v}");
    assert!(v["skipped"].as_array().is_none_or(Vec::is_empty), "{v}");
    let placed = &v["placed"][1];
    assert_eq!(placed["article"], "flash");
    assert_eq!(
        placed["set_aside_reason"],
        "no body text left after cleaning"
    );
    let id = placed["story"].as_str().expect("story").to_string();

    // Listed with `all`, with the reason; left out without.
    let list = get(&server, "/api/v1/stories").await.json();
    assert_eq!(list["stories"].as_array().map(Vec::len), Some(1), "{list}");
    let list = get(&server, "/api/v1/stories?all=true").await.json();
    let listed = list["stories"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["id"] == id.as_str()))
        .expect("listed");
    assert_eq!(
        listed["set_aside_reason"],
        "no body text left after cleaning"
    );
    // No digest: a 404 that says why and where its article is.
    assert_error(
        &get(&server, &format!("/api/v1/stories/{id}")).await,
        404,
        "not_found",
        "/api/v1/articles/flash",
    );
    assert_eq!(get(&server, "/api/v1/articles/flash").await.status, 200);
    // The page shows the story, its article and the reason.
    let page = get(&server, &format!("/stories/{id}")).await;
    assert_eq!(page.status, 200, "{}", page.text());
    let html = page.text();
    assert!(
        html.contains("Set aside: no body text left after cleaning"),
        "{html}"
    );
    assert!(html.contains("Flash"), "{html}");
    let listing = get(&server, "/?all=true").await.text();
    assert!(
        listing.contains("set aside: no body text left after cleaning"),
        "{listing}"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_server_refuses_writes() {
    let (_dir, server) = example_server(true).await;
    let a = post(
        &server,
        "/api/v1/articles",
        article("x", 1, 1, "X").to_string(),
    )
    .await;
    assert_error(&a, 503, "read_only", "read-only");
    assert_eq!(
        get(&server, "/api/v1/healthz").await.json()["read_only"],
        true
    );
    assert_eq!(get(&server, "/api/v1/healthz").await.json()["articles"], 3);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_clients_time_out_and_the_server_serves_on() {
    let (_dir, server) = example_server(false).await;
    // Headers that never end: the connection is closed after the header timeout.
    let addr = server.addr;
    let slow_headers = tokio::task::spawn_blocking(move || {
        let mut s = std::net::TcpStream::connect(addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        s.write_all(b"GET /api/v1/healthz HTTP/1.1\r\nHost: x\r\n")
            .expect("write");
        let t = std::time::Instant::now();
        let mut buf = Vec::new();
        let _ = s.read_to_end(&mut buf);
        (t.elapsed(), String::from_utf8_lossy(&buf).into_owned())
    });
    // A body that never comes: 408 after the request timeout.
    let slow_body = tokio::task::spawn_blocking(move || {
        let mut s = std::net::TcpStream::connect(addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        s.write_all(b"POST /api/v1/articles HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"text\": ")
            .expect("write");
        let mut buf = Vec::new();
        let _ = s.read_to_end(&mut buf);
        String::from_utf8_lossy(&buf).into_owned()
    });
    // Meanwhile, others are answered.
    for _ in 0..5 {
        assert_eq!(get(&server, "/api/v1/healthz").await.status, 200);
    }
    let (waited, answer) = slow_headers.await.expect("join");
    assert!(
        waited < Duration::from_secs(5),
        "closed after the header timeout, not {waited:?}"
    );
    assert!(!answer.contains("200 OK"), "{answer}");
    let answer = slow_body.await.expect("join");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("\"error\":\"timeout\""), "{answer}");
    assert_eq!(get(&server, "/api/v1/healthz").await.status, 200);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_internal_failure_says_nothing_of_its_cause() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("s.db");
    make_store(&db, &[example()]);
    // Break one stored article's JSON behind the store's back.
    let conn = rusqlite::Connection::open(&db).expect("open");
    let id: String = conn
        .query_row("SELECT id FROM articles LIMIT 1", [], |r| r.get(0))
        .expect("id");
    conn.execute(
        "UPDATE articles SET json = '{\"secret\": ' WHERE id = ?1",
        [&id],
    )
    .expect("corrupt");
    drop(conn);
    let server = TestServer::start(&db, false, small_limits()).await;
    let a = get(&server, &format!("/api/v1/articles/{id}")).await;
    assert_eq!(a.status, 500);
    let v = a.json();
    assert_eq!(v["error"], "internal");
    let text = a.text();
    for leak in ["secret", "EOF", "serde", "stored article", "sqlite", "/tmp"] {
        assert!(!text.contains(leak), "{leak:?} leaked: {text}");
    }
    // The page says the same, as HTML.
    let p = get(&server, &format!("/articles/{id}")).await;
    assert_eq!(p.status, 500);
    assert!(!p.text().contains("secret"));
    assert_eq!(get(&server, "/api/v1/healthz").await.status, 200);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn security_headers_on_every_answer() {
    let (_dir, server) = example_server(false).await;
    let story = only_story(&server).await;
    let id = story["id"].as_str().unwrap_or("");
    for path in [
        "/",
        &format!("/stories/{id}"),
        "/api/v1/stories",
        "/static/style.css",
        "/nowhere",
        "/api/v1/nowhere",
    ] {
        let a = get(&server, path).await;
        let h = |k: &str| {
            a.headers
                .get(k)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string()
        };
        let csp = h("content-security-policy");
        assert!(
            csp.contains("default-src 'none'")
                && csp.contains("script-src 'self'")
                && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert_eq!(h("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(h("referrer-policy"), "no-referrer", "{path}");
    }
    server.stop().await;
}

/// Every `$ref` in the document points at a schema it has.
fn refs_resolve(doc: &Value, node: &Value) {
    match node {
        Value::Object(m) => {
            if let Some(Value::String(r)) = m.get("$ref") {
                let path = r.strip_prefix('#').unwrap_or("<not local>");
                assert!(doc.pointer(path).is_some(), "dangling $ref {r}");
            }
            m.values().for_each(|v| refs_resolve(doc, v));
        }
        Value::Array(a) => a.iter().for_each(|v| refs_resolve(doc, v)),
        _ => {}
    }
}

/// Checks `answer` against the document's schema for `path`'s `status` answer.
fn check_against(doc: &Value, path: &str, method: &str, status: u16, answer: &Value) {
    let op = &doc["paths"][path][method]["responses"][status.to_string()];
    let schema = op["content"]["application/json"]["schema"].clone();
    assert!(!schema.is_null(), "no schema for {method} {path} {status}");
    let root = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "components": doc["components"].clone(),
        "allOf": [schema],
    });
    let validator = jsonschema::validator_for(&root).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(answer)
        .take(5)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{method} {path} {status}: {errors:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_describes_the_answers() {
    let (_dir, server) = example_server(false).await;
    let a = get(&server, "/api/v1/openapi.json").await;
    assert_eq!(a.status, 200);
    let text = a.text();
    let doc = a.json();
    assert!(
        doc["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3.1")),
        "{}",
        doc["openapi"]
    );
    oas3::from_json(&text).expect("a valid OpenAPI 3.1 document");
    refs_resolve(&doc, &doc);
    for p in [
        "/api/v1/stories",
        "/api/v1/stories/{id}",
        "/api/v1/articles",
        "/api/v1/articles/{id}",
        "/api/v1/search",
        "/api/v1/healthz",
    ] {
        assert!(doc["paths"].get(p).is_some(), "{p} is documented");
    }
    let story = only_story(&server).await;
    let id = story["id"].as_str().unwrap_or("").to_string();
    let digest = get(&server, &format!("/api/v1/stories/{id}")).await.json();
    let first = digest["sources"][0]["id"]
        .as_str()
        .unwrap_or("")
        .to_string();
    let cases: Vec<(String, &str, u16)> = vec![
        ("/api/v1/stories".into(), "/api/v1/stories", 200),
        (format!("/api/v1/stories/{id}"), "/api/v1/stories/{id}", 200),
        ("/api/v1/stories/nope".into(), "/api/v1/stories/{id}", 404),
        (
            format!("/api/v1/articles/{first}"),
            "/api/v1/articles/{id}",
            200,
        ),
        ("/api/v1/articles/nope".into(), "/api/v1/articles/{id}", 404),
        ("/api/v1/search?q=Pompeo".into(), "/api/v1/search", 200),
        ("/api/v1/search?q=%22".into(), "/api/v1/search", 400),
        ("/api/v1/stories?limit=x".into(), "/api/v1/stories", 400),
        ("/api/v1/healthz".into(), "/api/v1/healthz", 200),
    ];
    for (url, path, status) in cases {
        let a = get(&server, &url).await;
        assert_eq!(a.status, status, "{url}: {}", a.text());
        check_against(&doc, path, "get", status, &a.json());
    }
    let posted = post(
        &server,
        "/api/v1/articles",
        article("z1", 9, 9, "Z").to_string(),
    )
    .await;
    assert_eq!(posted.status, 201);
    check_against(&doc, "/api/v1/articles", "post", 201, &posted.json());
    let again = post(
        &server,
        "/api/v1/articles",
        article("z1", 9, 9, "Z").to_string(),
    )
    .await;
    check_against(&doc, "/api/v1/articles", "post", 409, &again.json());
    server.stop().await;
}

//! The reader in a real browser: headless Chromium driven through
//! chromedriver (WebDriver), against a server on loopback.
//!
//! - the story page of the example: citation markers, the cited sentence
//!   on focus, a marker followed to the highlighted sentence of the right
//!   article; the timeline's dated events in order; the coverage matrix's
//!   only-in facts (all read off gold.json); screenshots at desktop and
//!   phone width; the same with JavaScript off.
//! - hostile articles, through `POST /api/v1/articles` and through files:
//!   on every page and API answer that shows them, no payload runs and no
//!   injected element exists.
//!
//! In CI (`CI` set) a missing Chromium fails these tests; elsewhere they
//! say they were skipped.

mod common;

use common::*;
use fantoccini::Locator;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::time::Duration;
use storyline_server::Limits;

fn gold() -> Value {
    let text = std::fs::read_to_string(example().join("gold.json")).expect("gold.json");
    serde_json::from_str(&text).expect("gold parses")
}

/// Sentences' words that carry each gold only-in fact, by gold article key
/// (the same anchors as storyline-core's analysis tests).
const ONLY_IN: &[(&str, &str)] = &[
    ("000", "condemned both powers"),
    ("000", "almost 500"),
    ("000", "drones are flying"),
    ("002", "very big sanctions"),
    ("002", "Saad Al-Muttalibi"),
    ("002", "need to be a conversation"),
    ("003", "170 votes to 0"),
    ("003", "draft sent by mistake"),
    ("003", "no casualties"),
    ("003", "protests resumed Friday"),
];

/// Where screenshots go: `$STORYLINE_SCREENSHOTS` (the README's come from
/// there), else the test's scratch folder.
fn shots_dir() -> PathBuf {
    let dir = std::env::var_os("STORYLINE_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screenshots"));
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    dir
}

async fn example_server() -> (tempfile::TempDir, TestServer, String, Value) {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("s.db");
    make_store(&db, &[example()]);
    let server = TestServer::start(&db, false, Limits::default()).await;
    let list = get(&server, "/api/v1/stories").await.json();
    let id = list["stories"][0]["id"]
        .as_str()
        .expect("story")
        .to_string();
    let digest = get(&server, &format!("/api/v1/stories/{id}")).await.json();
    (dir, server, id, digest)
}

/// Column (1-based source number) of a gold article key.
fn source_of(digest: &Value, key: &str) -> usize {
    digest["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .find(|s| {
            Path::new(s["path"].as_str().unwrap_or(""))
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(key))
        })
        .and_then(|s| s["number"].as_u64())
        .unwrap_or_else(|| panic!("no source for {key}")) as usize
}

async fn wait_for_path(b: &Browser, path: &str) -> url::Url {
    for _ in 0..50 {
        let u = b.client.current_url().await.expect("url");
        if u.path() == path {
            return u;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the browser never reached {path}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_story_page_in_chromium() {
    let (_dir, server, id, digest) = example_server().await;
    let Some(b) = Browser::start(true, 1280, 1000).await else {
        return;
    };
    let story_url = server.url(&format!("/stories/{id}"));
    b.client.goto(&story_url).await.expect("story page");
    assert_eq!(
        b.client.title().await.expect("title"),
        format!("{} · storyline", digest["headline"].as_str().unwrap_or(""))
    );

    // Every citation of the summary is a marker.
    let citations: Vec<Value> = digest["summary"]
        .as_array()
        .expect("summary")
        .iter()
        .flat_map(|s| s["citations"].as_array().cloned().unwrap_or_default())
        .collect();
    assert!(!citations.is_empty());
    let markers = b
        .js("return Array.from(document.querySelectorAll('.summary .cite')).map(a => [a.getAttribute('href'), a.textContent])")
        .await;
    let markers = markers.as_array().expect("markers");
    assert_eq!(markers.len(), citations.len(), "{markers:?}");
    for (m, c) in markers.iter().zip(&citations) {
        assert_eq!(
            m[0],
            json!(format!(
                "/articles/{}#s{}",
                c["article"].as_str().unwrap_or(""),
                c["sentence"]
            ))
        );
        assert_eq!(m[1], json!(format!("[{}]", c["source"])));
    }

    // Hidden until focused; focused, the tip shows the cited sentence.
    let tip = b
        .js("const a = document.querySelectorAll('.summary .cite')[1];
             const t = document.getElementById(a.getAttribute('aria-describedby'));
             const before = getComputedStyle(t).display;
             a.focus();
             return [before, getComputedStyle(t).display, t.querySelector('.tip-text').textContent, document.activeElement === a];")
        .await;
    assert_eq!(tip[0], "none", "{tip}");
    assert_eq!(tip[1], "block", "{tip}");
    assert_eq!(tip[2], citations[1]["text"], "{tip}");
    assert_eq!(tip[3], true);

    // Following the marker lands on the sentence, highlighted, in its article.
    let c = &citations[1];
    let article = c["article"].as_str().expect("article");
    b.client
        .find(Locator::Css(".summary li:first-child .cite"))
        .await
        .expect("marker")
        .click()
        .await
        .expect("click");
    let first = &citations[0];
    let want = format!("/articles/{}", first["article"].as_str().unwrap_or(""));
    let u = wait_for_path(&b, &want).await;
    assert_eq!(
        u.fragment(),
        Some(format!("s{}", first["sentence"]).as_str())
    );
    let target = b
        .js("const t = document.querySelector(':target'); return t ? [t.id, t.textContent, getComputedStyle(t).backgroundColor] : null;")
        .await;
    assert_eq!(
        target[0],
        json!(format!("s{}", first["sentence"])),
        "{target}"
    );
    assert_eq!(target[1], first["text"], "{target}");
    assert_ne!(
        target[2], "rgba(0, 0, 0, 0)",
        "the sentence is highlighted: {target}"
    );
    // And the second citation's article at its sentence, by URL.
    b.client
        .goto(&server.url(&format!("/articles/{article}#s{}", c["sentence"])))
        .await
        .expect("article");
    let target = b
        .js("const t = document.querySelector(':target'); return t ? t.textContent : null;")
        .await;
    assert_eq!(target, c["text"]);
    let dropped = b.js("const d = document.querySelector('details.dropped'); return [d.open, d.querySelectorAll('tbody tr').length]").await;
    assert_eq!(dropped[0], false, "the dropped chrome is behind a toggle");
    assert!(dropped[1].as_u64().unwrap_or(0) > 0);

    // The timeline: events in date order, every gold date there.
    b.client.goto(&story_url).await.expect("story page");
    let events = b
        .js("return Array.from(document.querySelectorAll('svg.timeline-svg g.event')).map(g => [g.dataset.date, g.dataset.start, g.classList.contains('inferred')])")
        .await;
    let events = events.as_array().expect("events").clone();
    let starts: Vec<&str> = events.iter().map(|e| e[1].as_str().unwrap_or("")).collect();
    assert!(
        starts.windows(2).all(|w| w[0] <= w[1]),
        "in order: {starts:?}"
    );
    let dates: Vec<&str> = events.iter().map(|e| e[0].as_str().unwrap_or("")).collect();
    let gold = gold();
    for item in gold["timeline"].as_array().expect("timeline") {
        let d = item["date"].as_str().unwrap_or("");
        assert!(
            dates.contains(&d),
            "gold date {d} not on the timeline: {dates:?}"
        );
    }
    // "a week ago" and "on Friday" are marked inferred; "in 2003" is not.
    assert!(
        events.iter().any(|e| e[0] == "2020-01-03" && e[2] == true),
        "{events:?}"
    );
    assert!(
        events.iter().any(|e| e[0] == "2003" && e[2] == false),
        "{events:?}"
    );

    // The coverage matrix marks each gold only-in fact in its source's column, only there.
    let rows = b
        .js("return Array.from(document.querySelectorAll('table.matrix tbody tr.only')).map(tr => [tr.querySelector('th').textContent, Array.from(tr.querySelectorAll('td')).map(td => td.className)])")
        .await;
    let rows = rows.as_array().expect("rows");
    for (key, words) in ONLY_IN {
        let col = source_of(&digest, key);
        let row = rows
            .iter()
            .find(|r| r[0].as_str().is_some_and(|t| t.contains(words)))
            .unwrap_or_else(|| panic!("no only-in row with {words:?}"));
        let cells = row[1].as_array().expect("cells");
        for (i, cell) in cells.iter().enumerate() {
            let want = if i + 1 == col { "only" } else { "absent" };
            assert_eq!(cell, want, "{key} {words:?}: column {} is {cell}", i + 1);
        }
    }
    // The conflict row: 000 and 003 say 2020-01-09, 002 says 2020-01-10.
    let conflict = b
        .js("const tr = document.querySelector('table.matrix tbody tr.conflict'); return Array.from(tr.querySelectorAll('td')).map(td => td.textContent.trim())")
        .await;
    assert_eq!(conflict[source_of(&digest, "000") - 1], "✕ 2020-01-09");
    assert_eq!(conflict[source_of(&digest, "002") - 1], "✕ 2020-01-10");

    // Landmarks and headings for screen readers.
    let a11y = b
        .js("return [document.documentElement.lang, !!document.querySelector('main'), !!document.querySelector('header.banner'), document.querySelectorAll('h1').length, document.querySelectorAll('section[aria-labelledby] > h2').length]")
        .await;
    assert_eq!(a11y[0], "en");
    assert_eq!(a11y[1], true);
    assert_eq!(a11y[3], 1);
    assert!(a11y[4].as_u64().unwrap_or(0) >= 6, "{a11y}");

    // The timeline, then the summary with a citation's tip open.
    b.js("document.getElementById('h-timeline').scrollIntoView()")
        .await;
    let png = b.client.screenshot().await.expect("screenshot");
    std::fs::write(shots_dir().join("story-timeline.png"), png).expect("write");
    b.js("window.scrollTo(0, 0); document.querySelectorAll('.summary .cite')[1].focus({preventScroll: true})").await;
    let png = b.client.screenshot().await.expect("screenshot");
    std::fs::write(shots_dir().join("story-desktop.png"), png).expect("write");
    b.close().await;

    // Phone width: no sideways scroll of the page (the matrix scrolls in its box).
    let Some(phone) = Browser::start(true, 390, 844).await else {
        return;
    };
    phone.client.goto(&story_url).await.expect("story page");
    let widths = phone
        .js("const w = window.innerWidth; const wide = Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > w + 1 && !e.closest('.matrix-wrap, .timeline, .tip, .visually-hidden, .skip')).map(e => e.tagName + '.' + e.className).slice(0, 5); return [document.documentElement.scrollWidth, w, wide]")
        .await;
    assert!(
        widths[0].as_u64() <= widths[1].as_u64(),
        "the page is wider than the phone: {widths}"
    );
    let png = phone.client.screenshot().await.expect("screenshot");
    std::fs::write(shots_dir().join("story-phone.png"), png).expect("write");
    phone.close().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_story_page_reads_with_javascript_off() {
    let (_dir, server, id, digest) = example_server().await;
    let Some(b) = Browser::start(false, 1280, 900).await else {
        return;
    };
    b.client
        .goto(&server.url(&format!("/stories/{id}")))
        .await
        .expect("story page");
    // The page's own script did not run, yet the summary and its markers are there.
    let marker = b
        .client
        .find(Locator::Css(".summary .cite"))
        .await
        .expect("a marker");
    let tip = b
        .client
        .find(Locator::Css(".summary .tip"))
        .await
        .expect("a tip");
    assert!(!tip.is_displayed().await.expect("displayed?"));
    // Focus by keyboard: the tip shows (CSS alone).
    marker.send_keys("").await.expect("focus");
    assert!(tip.is_displayed().await.expect("displayed?"));
    assert_eq!(
        tip.find(Locator::Css(".tip-text"))
            .await
            .expect("text")
            .text()
            .await
            .expect("text"),
        digest["summary"][0]["citations"][0]["text"]
            .as_str()
            .unwrap_or("")
    );
    marker.click().await.expect("follow");
    let want = format!(
        "/articles/{}",
        digest["summary"][0]["citations"][0]["article"]
            .as_str()
            .unwrap_or("")
    );
    wait_for_path(&b, &want).await;
    let details = b
        .client
        .find(Locator::Css("details.dropped summary"))
        .await
        .expect("toggle");
    let row = b
        .client
        .find(Locator::Css("details.dropped tbody tr"))
        .await
        .expect("row");
    assert!(!row.is_displayed().await.expect("displayed?"));
    details.click().await.expect("open");
    assert!(row.is_displayed().await.expect("displayed?"));
    b.close().await;
    server.stop().await;
}

/// Payloads: each, if it ever ran or became an element, would set
/// `window.__xss` or leave an element carrying `data-xss`.
const PAYLOADS: &[&str] = &[
    "<script data-xss>window.__xss=1</script>",
    "<img data-xss src=x onerror=\"window.__xss=2\">",
    "<svg data-xss onload=\"window.__xss=3\"></svg>",
    "\"><script data-xss>window.__xss=4</script>",
    "'><img data-xss src=x onerror=window.__xss=5>",
    "</textarea><script data-xss>window.__xss=6</script>",
    "</title><script data-xss>window.__xss=7</script>",
    "<iframe data-xss src=\"javascript:top.__xss=8\"></iframe>",
    "<a data-xss href=\"javascript:window.__xss=9\">click</a>",
    "<math data-xss><mtext><table><mglyph><style><img src=x onerror=window.__xss=10>",
    "<svg data-xss><script>window.__xss=11</script></svg>",
    "<body data-xss onload=window.__xss=12>",
    "<input data-xss autofocus onfocus=window.__xss=13>",
    "<details data-xss open ontoggle=window.__xss=14>",
    "<object data-xss data=\"data:text/html,<script>parent.__xss=15</script>\"></object>",
    "<embed data-xss src=\"data:text/html,<script>parent.__xss=16</script>\">",
    "<base data-xss href=\"javascript:/\">",
    "<meta data-xss http-equiv=\"refresh\" content=\"0;url=javascript:window.__xss=18\">",
    "<style data-xss>body{background:url(\"javascript:window.__xss=19\")}</style>",
    "<div data-xss style=\"background:url(javascript:window.__xss=20)\">x</div>",
    "\" onmouseover=\"window.__xss=21\" data-xss=\"",
    "' onfocus='window.__xss=22' autofocus data-xss='",
    "<noscript><p title=\"</noscript><img data-xss src=x onerror=window.__xss=23>\">",
    "<template><script data-xss>window.__xss=24</script></template>",
    "{{constructor.constructor('window.__xss=25')()}}<img data-xss src=x onerror=window.__xss=25>",
    "<svg><a data-xss xlink:href=\"javascript:window.__xss=26\"><text>x</text></a></svg>",
    "]]><script data-xss>window.__xss=27</script>",
    "--><script data-xss>window.__xss=28</script><!--",
    "&lt;script data-xss&gt;window.__xss=29&lt;/script&gt;",
    "\u{FF1C}script data-xss\u{FF1E}window.__xss=30\u{FF1C}/script\u{FF1E} \u{202E}gnp.exe",
    "<scr\u{0}ipt data-xss>window.__xss=31</scr\u{0}ipt>",
    "<img data-xss src=\"x\" onerror=\"&#119;indow.__xss=32\">",
];

/// URLs that must never become links.
const BAD_URLS: &[&str] = &[
    "javascript:window.__xss=101",
    "JaVaScRiPt:window.__xss=102",
    " javascript:window.__xss=103",
    "\tjavascript:window.__xss=104",
    "data:text/html,<script>window.__xss=105</script>",
    "vbscript:msgbox(1)",
    "https://example.org/\"><script data-xss>window.__xss=106</script>",
];

/// A hostile article: payloads in the title, the body, a quote and its
/// speaker's name, the outlet and the URL.
fn hostile(i: usize) -> Value {
    let p = PAYLOADS[i % PAYLOADS.len()];
    let q = PAYLOADS[(i + 7) % PAYLOADS.len()];
    let url = if i < BAD_URLS.len() {
        BAD_URLS[i].to_string()
    } else {
        format!("https://example.org/x{i}?a=\"'<b>")
    };
    let text = format!(
        "Mallory Quill {p} met council officials in Riverton on Monday to discuss the harbour plan number {i}.\n\n\
         \"{q} The harbour plan will go ahead,\" said Mallory {p} Quill, the council's chief.\n\n\
         According to Mallory Quill, the plan costs 4,{i:03} dollars {q} and opens in 2031.\n\n\
         Officials in Riverton said the harbour vote was on Friday and the count was 12 to 3."
    );
    json!({
        "id": format!("hostile{i}"),
        "title": format!("Harbour plan {i} {p}"),
        "text": text,
        "date": format!("2024-03-{:02}", 1 + i % 20),
        "source": format!("Outlet {q}"),
        "url": url,
    })
}

/// What a page must not hold: the marker, an injected element, an inline
/// script, an event-handler attribute, a link that is not http(s).
const CHECK: &str = "
    const bad = [];
    if (window.__xss !== undefined) bad.push('payload ran: ' + window.__xss);
    const injected = document.querySelectorAll('[data-xss], iframe, object, embed, base, meta[http-equiv], img[src=\"x\"], input[autofocus], details:not(.dropped), template, math');
    if (injected.length) bad.push('injected: ' + Array.from(injected).map(e => e.outerHTML.slice(0, 80)).join(' | '));
    const inline = Array.from(document.scripts).filter(s => !s.src);
    if (inline.length) bad.push('inline script: ' + inline.map(s => s.textContent.slice(0, 60)).join(' | '));
    for (const e of document.querySelectorAll('*')) {
        for (const a of e.attributes) {
            if (a.name.startsWith('on')) bad.push('handler ' + a.name + ' on ' + e.tagName);
        }
    }
    for (const a of document.querySelectorAll('a[href], area[href]')) {
        if (!['http:', 'https:'].includes(a.protocol)) bad.push('link ' + a.getAttribute('href'));
    }
    for (const a of document.querySelectorAll('[href]')) {
        if (/^\\s*(javascript|data|vbscript):/i.test(a.getAttribute('href'))) bad.push('href ' + a.getAttribute('href'));
    }
    return bad;";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_articles_run_nothing_in_chromium() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("s.db");
    // Half through files (JSON lines and an HTML page), half over HTTP.
    let files = dir.path().join("in");
    std::fs::create_dir_all(&files).expect("dir");
    let n = 40;
    let lines: String = (0..n / 2).map(|i| hostile(i).to_string() + "\n").collect();
    std::fs::write(files.join("hostile.jsonl"), lines).expect("write");
    let html_title = PAYLOADS[3].replace('<', "&lt;").replace('>', "&gt;");
    std::fs::write(
        files.join("hostile.html"),
        format!(
            "<!doctype html><html><head><title>{html_title}</title><meta property=\"og:site_name\" content=\"&quot;&gt;&lt;script data-xss&gt;window.__xss=200&lt;/script&gt;\"></head>\
             <body><article><h1>{html_title}</h1>\
             <p>Mallory Quill &lt;img data-xss src=x onerror=window.__xss=201&gt; met officials in Riverton on Monday about the harbour plan.</p>\
             <p>&quot;&lt;/textarea&gt;&lt;script data-xss&gt;window.__xss=202&lt;/script&gt; We will build it,&quot; said Mallory Quill, the council chief.</p>\
             <p>Officials in Riverton said the harbour vote was on Friday and the count was 12 to 3 in the council.</p>\
             <script>window.__xss=203</script></article></body></html>"
        ),
    )
    .expect("write");
    make_store(&db, std::slice::from_ref(&files));
    let server = TestServer::start(&db, false, Limits::default()).await;
    let posted: Vec<Value> = (n / 2..n).map(hostile).collect();
    let a = post(
        &server,
        "/api/v1/articles",
        serde_json::to_vec(&posted).expect("json"),
    )
    .await;
    assert_eq!(a.status, 201, "{}", a.text());

    let Some(b) = Browser::start(true, 1280, 900).await else {
        return;
    };
    // Every page and API answer that shows them.
    let mut urls = vec![
        "/".to_string(),
        "/?all=true&limit=200".to_string(),
        "/search?q=Mallory".to_string(),
        "/search?q=%3Cscript%3E".to_string(),
        format!("/?outlet={}", urlencode(&format!("Outlet {}", PAYLOADS[7]))),
        "/api/v1/stories?all=true&limit=200".to_string(),
        "/api/v1/search?q=Mallory".to_string(),
        "/nowhere/%3Cscript%3Ewindow.__xss=300%3C%2Fscript%3E".to_string(),
    ];
    let list = get(&server, "/api/v1/stories?all=true&limit=200")
        .await
        .json();
    let stories: Vec<String> = list["stories"]
        .as_array()
        .expect("stories")
        .iter()
        .filter_map(|s| s["id"].as_str().map(str::to_string))
        .collect();
    assert!(stories.len() >= 2, "{list}");
    let mut articles = Vec::new();
    for s in &stories {
        urls.push(format!("/stories/{s}"));
        urls.push(format!("/api/v1/stories/{s}"));
        let d = get(&server, &format!("/api/v1/stories/{s}")).await.json();
        for src in d["sources"].as_array().cloned().unwrap_or_default() {
            articles.push(src["id"].as_str().unwrap_or("").to_string());
        }
    }
    assert!(
        articles.len() > n,
        "every article is in a story: {}",
        articles.len()
    );
    for a in &articles {
        urls.push(format!("/articles/{a}"));
        urls.push(format!("/api/v1/articles/{a}"));
    }
    let mut shown_literally = 0;
    for u in &urls {
        b.client.goto(&server.url(u)).await.expect("page");
        let bad = b.js(CHECK).await;
        assert_eq!(bad, json!([]), "{u}: {bad}");
        let text = b
            .js("return document.body ? document.body.textContent : ''")
            .await;
        if text
            .as_str()
            .is_some_and(|t| t.contains("<script data-xss>"))
        {
            shown_literally += 1;
        }
    }
    // The payloads are shown as the text they are, not stripped.
    assert!(
        shown_literally > articles.len(),
        "{shown_literally} of {} pages show the payload text",
        urls.len()
    );
    // Quotes and speakers with payloads were found and escaped.
    let d = get(&server, &format!("/api/v1/stories/{}", stories[0]))
        .await
        .json();
    assert!(
        !d["analysis"]["entities"]
            .as_array()
            .map(Vec::is_empty)
            .unwrap_or(true)
    );
    b.close().await;
    server.stop().await;
}

fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

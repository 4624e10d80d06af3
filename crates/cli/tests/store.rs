//! The store through the binary: incremental ingest, a kill mid-ingest
//! and a rerun, bad inputs, stories/show/search.

use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_storyline"))
}

/// A deterministic pseudo-random generator (splitmix64) for fixtures.
struct Rng(u64);
impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9e3779b97f4a7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
        ((z ^ (z >> 31)) % n as u64) as usize
    }
}

const COMMON: &[&str] = &[
    "officials",
    "said",
    "on",
    "the",
    "government",
    "report",
    "week",
    "people",
    "city",
    "new",
    "after",
    "according",
    "statement",
    "local",
    "police",
    "year",
    "two",
    "during",
    "members",
    "meeting",
    "announced",
    "country",
    "plans",
    "public",
    "early",
];

/// Writes `n` plain-text articles about `topics` events (each event has
/// its own vocabulary), some of them wire copies of an earlier one.
fn write_articles(dir: &Path, from: usize, n: usize, topics: usize) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for k in from..from + n {
        let mut rng = Rng(k as u64);
        let t = rng.next(topics);
        let topic: Vec<String> = (0..12).map(|i| format!("zq{t}w{i}")).collect();
        let copy_of = (k % 7 == 3 && k > from).then(|| k - 1);
        let mut text = String::new();
        let seed = copy_of.unwrap_or(k);
        let mut r2 = Rng(seed as u64 * 31 + 7);
        let tt = if copy_of.is_some() {
            Rng(seed as u64).next(topics)
        } else {
            t
        };
        let topic: Vec<String> = if copy_of.is_some() {
            (0..12).map(|i| format!("zq{tt}w{i}")).collect()
        } else {
            topic
        };
        text.push_str(&format!(
            "Report {} on {} {}\n\n",
            seed,
            topic[r2.next(12)],
            topic[r2.next(12)]
        ));
        for _p in 0..3 {
            for _s in 0..3 {
                let words: Vec<&str> = (0..14)
                    .map(|i| {
                        if i % 2 == 0 {
                            topic[r2.next(12)].as_str()
                        } else {
                            COMMON[r2.next(COMMON.len())]
                        }
                    })
                    .collect();
                let mut s = words.join(" ");
                if let Some(f) = s.get_mut(0..1) {
                    f.make_ascii_uppercase();
                }
                text.push_str(&s);
                text.push_str(". ");
            }
            text.push_str("\n\n");
        }
        let p = dir.join(format!("a{k:05}.txt"));
        std::fs::write(&p, text).expect("write fixture");
        out.push(p);
    }
    out
}

/// Every row of every table, as text, in a fixed order.
fn dump(db: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let conn = Connection::open(db).expect("open store");
    let tables = [
        ("articles", "seq"),
        ("sentences", "article, idx"),
        ("stories", "id"),
        ("digests", "story"),
        ("window", "seq"),
        ("meta", "key"),
    ];
    tables
        .iter()
        .map(|(t, order)| {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM {t} ORDER BY {order}"))
                .expect("select");
            let cols = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    (0..cols)
                        .map(|i| {
                            let v: rusqlite::types::Value = r.get(i)?;
                            Ok(format!("{v:?}"))
                        })
                        .collect::<rusqlite::Result<Vec<String>>>()
                })
                .expect("query")
                .collect::<rusqlite::Result<Vec<_>>>()
                .expect("rows");
            (t.to_string(), rows)
        })
        .collect()
}

fn count(db: &Path, sql: &str) -> i64 {
    Connection::open(db)
        .and_then(|c| c.query_row(sql, [], |r| r.get(0)))
        .unwrap_or(0)
}

fn ingest(args: &[&str]) -> std::process::Output {
    bin()
        .arg("ingest")
        .args(args)
        .output()
        .expect("run storyline ingest")
}

/// Checks that a run succeeded, showing its stderr when not.
#[track_caller]
fn assert_ok(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `ingest` arguments for a run of `input` into `db` in small batches on
/// one thread (the kill test's runs).
fn batched<'a>(input: &'a str, db: &'a str) -> Vec<&'a str> {
    vec![
        input,
        "--db",
        db,
        "--batch",
        "25",
        "--window",
        "400",
        "--threads",
        "1",
    ]
}

#[test]
fn a_killed_ingest_rerun_equals_an_uninterrupted_one() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).expect("mkdir");
    let total = 1500;
    write_articles(&input, 0, total, 60);
    let input_s = input.to_str().expect("utf-8 path");

    let whole = tmp.path().join("whole.db");
    let out = ingest(&batched(input_s, whole.to_str().expect("path")));
    assert_ok(&out);
    assert_eq!(count(&whole, "SELECT count(*) FROM articles"), total as i64);

    let killed = tmp.path().join("killed.db");
    let killed_s = killed.to_str().expect("path");
    let mut args = batched(input_s, killed_s);
    args.push("--quiet");
    let mut child = bin()
        .arg("ingest")
        .args(&args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let start = Instant::now();
    // Kill it once some batches are committed, well before the end.
    loop {
        let n = count(&killed, "SELECT count(*) FROM articles");
        if n >= 300 || start.elapsed() > Duration::from_secs(120) {
            break;
        }
        if child.try_wait().expect("poll child").is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let _ = child.kill();
    let status = child.wait().expect("wait");
    let at_kill = count(&killed, "SELECT count(*) FROM articles");
    assert!(!status.success(), "the ingest was killed, not finished");
    assert!(
        at_kill < total as i64,
        "killed mid-ingest ({at_kill} of {total} stored)"
    );
    // The store is consistent at the kill: every stored article's story exists.
    assert_eq!(
        count(
            &killed,
            "SELECT count(*) FROM articles WHERE story NOT IN (SELECT id FROM stories)"
        ),
        0
    );

    let out = ingest(&args);
    assert_ok(&out);
    let (a, b) = (dump(&whole), dump(&killed));
    for ((t, x), (_, y)) in a.iter().zip(&b) {
        assert_eq!(x.len(), y.len(), "table {t}: row counts");
        for (rx, ry) in x.iter().zip(y) {
            assert_eq!(rx, ry, "table {t}");
        }
    }
}

#[test]
fn reingest_adds_nothing_and_new_articles_join_stories() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let first = tmp.path().join("first");
    let second = tmp.path().join("second");
    std::fs::create_dir(&first).expect("mkdir");
    std::fs::create_dir(&second).expect("mkdir");
    write_articles(&first, 0, 120, 10);
    write_articles(&second, 120, 60, 10);
    let db = tmp.path().join("s.db");
    let db_s = db.to_str().expect("path");
    let out = ingest(&[first.to_str().expect("path"), "--db", db_s]);
    assert!(out.status.success());
    let before = dump(&db);
    let stories_before = count(&db, "SELECT count(*) FROM stories");
    assert!(
        (10..60).contains(&stories_before),
        "{stories_before} stories"
    );
    assert!(
        count(
            &db,
            "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"
        ) > 0
    );

    let out = ingest(&[first.to_str().expect("path"), "--db", db_s]);
    assert!(out.status.success());
    assert_eq!(
        dump(&db),
        before,
        "re-ingesting the same input changes nothing"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("0 article(s) added"), "{err}");
    assert!(err.contains("120 already in the store"), "{err}");

    let digest_before: String = Connection::open(&db)
        .expect("open")
        .query_row("SELECT json FROM digests ORDER BY story LIMIT 1", [], |r| {
            r.get(0)
        })
        .expect("a digest");
    let out = ingest(&[second.to_str().expect("path"), "--db", db_s]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("60 article(s) added"), "{err}");
    let stories_after = count(&db, "SELECT count(*) FROM stories");
    assert!(
        stories_after - stories_before < 20,
        "new articles mostly join existing stories: {stories_before} → {stories_after}"
    );
    assert!(!err.contains(" 0 updated"), "{err}");
    assert_eq!(
        count(&db, "SELECT count(*) FROM stories WHERE dirty = 1"),
        0
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM stories WHERE id NOT IN (SELECT story FROM digests)"
        ),
        0
    );
    let digest_after: String = Connection::open(&db)
        .expect("open")
        .query_row("SELECT json FROM digests ORDER BY story LIMIT 1", [], |r| {
            r.get(0)
        })
        .expect("a digest");
    let n = |d: &str| {
        serde_json::from_str::<serde_json::Value>(d).expect("json")["sources"]
            .as_array()
            .map_or(0, |a| a.len())
    };
    assert!(n(&digest_after) >= n(&digest_before));
}

#[test]
fn bad_inputs_are_named_counted_and_the_rest_is_ingested() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).expect("mkdir");
    write_articles(&input, 0, 30, 5);
    std::fs::write(input.join("empty.txt"), "").expect("write");
    std::fs::write(
        input.join("binary.txt"),
        [0u8, 159, 146, 150, 0, 0, 1, 2, 3, 0],
    )
    .expect("write");
    std::fs::write(input.join("title-only.txt"), "Just a title\n").expect("write");
    let db = tmp.path().join("s.db");
    let out = ingest(&[
        input.to_str().expect("path"),
        "--db",
        db.to_str().expect("path"),
    ]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "exit 3: done, with inputs skipped"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("binary.txt"), "{err}");
    assert!(err.contains("empty.txt"), "{err}");
    assert!(err.contains("31 article(s) added"), "{err}");
    assert!(err.contains("2 skipped"), "{err}");
    assert_eq!(count(&db, "SELECT count(*) FROM articles"), 31);

    // A headline with nothing under it was read: it is stored, a story of
    // its own set aside with the reason, never lost, and not digested.
    assert!(!err.contains("title-only.txt: no body"), "{err}");
    let db_s = db.to_str().expect("path");
    let run = |args: &[&str]| -> String {
        let out = bin().args(args).output().expect("run");
        assert_ok(&out);
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let json: serde_json::Value =
        serde_json::from_str(&run(&["stories", "--db", db_s, "--format", "json"])).expect("json");
    let aside: Vec<&serde_json::Value> = json
        .as_array()
        .expect("array")
        .iter()
        .filter(|s| {
            s["articles"][0]["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("title-only.txt"))
        })
        .collect();
    assert_eq!(aside.len(), 1, "{json}");
    assert_eq!(aside[0]["set_aside"], true);
    assert_eq!(
        aside[0]["set_aside_reason"], "no body text left after cleaning",
        "{json}"
    );
    let id = aside[0]["id"].as_str().expect("id");
    assert!(!run(&["stories", "--db", db_s]).contains("Just a title"));
    let all = run(&["stories", "--db", db_s, "--all"]);
    assert!(
        all.contains("set aside: no body text left after cleaning"),
        "{all}"
    );
    let shown = run(&["show", id, "--db", db_s]);
    assert!(
        shown.contains("no digest, set aside (no body text left after cleaning)")
            && shown.contains("title-only.txt"),
        "{shown}"
    );
    let exported = run(&["export", "--all", "--db", db_s]);
    let line: serde_json::Value = exported
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json"))
        .find(|l| l["id"] == id)
        .expect("exported");
    assert!(line["digest"].is_null(), "{line}");
    assert_eq!(
        count(&db, "SELECT count(*) FROM stories WHERE dirty = 1"),
        0
    );
}

#[test]
fn stories_show_and_search_read_the_store() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let example = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/iraq-2020-01-10");
    let db = tmp.path().join("s.db");
    let db_s = db.to_str().expect("path");
    let out = ingest(&[example.to_str().expect("path"), "--db", db_s]);
    assert_ok(&out);
    let out = bin()
        .args(["stories", "--db", db_s, "--format", "json"])
        .output()
        .expect("run");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let stories = v.as_array().expect("array");
    assert_eq!(stories.len(), 1, "the three articles tell one story");
    assert_eq!(stories[0]["articles"].as_array().map(|a| a.len()), Some(3));
    let id = stories[0]["id"].as_str().expect("id");
    let out = bin()
        .args(["show", id, "--db", db_s, "--format", "json"])
        .output()
        .expect("run");
    let d: serde_json::Value = serde_json::from_slice(&out.stdout).expect("digest json");
    assert_eq!(d["sources"].as_array().map(|a| a.len()), Some(3));
    let out = bin()
        .args(["search", "withdrawal", "--db", db_s, "--json"])
        .output()
        .expect("run");
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).expect("hits json");
    assert!(
        hits.as_array()
            .is_some_and(|h| h.len() == 3 && h.iter().all(|x| x["story"] == id))
    );
    // Without a store: the same story in one go.
    let out = bin()
        .args([
            "stories",
            example.to_str().expect("path"),
            "--format",
            "json",
        ])
        .output()
        .expect("run");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v.as_array().map(|a| a.len()), Some(1));
}

#[test]
fn pages_with_too_little_text_are_flagged_and_left_out_of_listings() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let example = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/iraq-2020-01-10");
    let short = tmp.path().join("short.txt");
    std::fs::write(
        &short,
        "Bridge reopens downtown\n\nThe mayor reopened the old river bridge on Monday morning. Traffic was light.\n",
    )
    .expect("write");
    let inputs = [
        example.to_str().expect("path"),
        short.to_str().expect("path"),
    ];
    let db = tmp.path().join("s.db");
    let db_s = db.to_str().expect("path");
    let out = ingest(&[inputs[0], inputs[1], "--db", db_s]);
    assert_ok(&out);
    assert_eq!(
        count(&db, "SELECT count(*) FROM stories WHERE set_aside = 1"),
        1
    );
    let listing = |args: &[&str]| -> String {
        let out = bin().args(args).output().expect("run");
        assert_ok(&out);
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let text = listing(&["stories", "--db", db_s]);
    assert!(!text.contains("Bridge reopens"), "{text}");
    assert!(
        text.contains("1 page(s) with too little article text"),
        "{text}"
    );
    assert!(listing(&["stories", "--db", db_s, "--all"]).contains("Bridge reopens"));
    // JSON lists every story (outside scripts score the whole clustering), flagged.
    for args in [
        vec!["stories", "--db", db_s, "--format", "json"],
        vec!["stories", inputs[0], inputs[1], "--format", "json"],
    ] {
        let v: serde_json::Value = serde_json::from_str(&listing(&args)).expect("json");
        let flags: Vec<bool> = v
            .as_array()
            .expect("array")
            .iter()
            .map(|s| s["set_aside"].as_bool().expect("flag"))
            .collect();
        assert_eq!(flags.len(), 2, "{args:?}");
        assert_eq!(flags.iter().filter(|f| **f).count(), 1, "{args:?}");
    }
    // Without a store the digests leave the page out too; it is listed
    // after them, set aside, with the reason.
    let text = listing(&["stories", inputs[0], inputs[1]]);
    let (digests, aside) = text.split_once("== set aside: 1 page(s)").expect("listed");
    assert!(!digests.contains("Bridge reopens"), "{text}");
    assert!(aside.contains("Bridge reopens"), "{text}");
    assert!(aside.contains("(too little article text ("), "{text}");
}

/// `storyline export --db DB -o OUT`.
fn export_to(db: &str, out: &Path) -> std::process::Output {
    bin()
        .args(["export", "--db", db, "-o", out.to_str().expect("path")])
        .output()
        .expect("run storyline export")
}

#[test]
fn export_writes_every_story_with_its_articles_and_digest() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).expect("mkdir");
    // Dated: a date line under each title, days 1–20 of March 2021.
    for (k, path) in write_articles(&dir, 0, 40, 4).iter().enumerate() {
        let text = std::fs::read_to_string(path).expect("fixture");
        let (title, body) = text.split_once('\n').expect("a title line");
        let dated = format!("{title}\n{} March, 2021\n{body}", 1 + k % 20);
        std::fs::write(path, dated).expect("write fixture");
    }
    let db = tmp.path().join("e.db");
    let db_s = db.to_str().expect("path");
    assert_ok(&ingest(&[dir.to_str().expect("path"), "--db", db_s]));
    let listed = bin()
        .args([
            "stories", "--db", db_s, "--format", "json", "--limit", "1000",
        ])
        .output()
        .expect("run");
    let listed: serde_json::Value = serde_json::from_slice(&listed.stdout).expect("json");
    let listed = listed.as_array().expect("array");
    // A digest an interrupted ingest did not write, or left out of date
    // (story still dirty), is built on export.
    let dropped = listed[0]["id"].as_str().expect("id");
    let stale = listed[1]["id"].as_str().expect("id");
    Connection::open(&db)
        .and_then(|c| {
            c.execute("DELETE FROM digests WHERE story = ?1", [dropped])?;
            c.execute("UPDATE stories SET dirty = 1 WHERE id = ?1", [stale])
        })
        .expect("a missing and a stale digest");
    let out_file = tmp.path().join("out.jsonl");
    let out = export_to(db_s, &out_file);
    assert_ok(&out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("exported {} story(ies)", listed.len()))
            && stderr.contains("2 digest(s) built now"),
        "{stderr}"
    );
    let text = std::fs::read_to_string(&out_file).expect("export file");
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), listed.len());
    for (line, story) in lines.iter().zip(listed) {
        assert_eq!(line["id"], story["id"]);
        assert_eq!(line["articles"], story["articles"]);
        let d = &line["digest"];
        let articles = story["articles"].as_array().expect("articles");
        assert_eq!(
            d["sources"].as_array().map(|s| s.len()),
            Some(articles.len())
        );
        let summary = d["summary"].as_array().expect("summary");
        assert!(!summary.is_empty(), "{}", line["id"]);
        for s in summary {
            let cited = s["citations"][0]["article"].as_str().expect("cited id");
            assert!(articles.iter().any(|a| a["id"] == cited), "{cited}");
        }
    }
    // --since keeps the stories whose last article is on or after the day.
    let lasts: Vec<&str> = listed.iter().filter_map(|s| s["last"].as_str()).collect();
    let mut days = lasts.clone();
    days.sort();
    let cut = days[days.len() / 2];
    let out = bin()
        .args(["export", "--db", db_s, "--since", cut])
        .output()
        .expect("run");
    assert_ok(&out);
    let kept = String::from_utf8_lossy(&out.stdout).lines().count();
    assert_eq!(kept, lasts.iter().filter(|&&l| l >= cut).count());
    assert!(kept < listed.len());
    // The store is never the output; a failed export leaves no file behind.
    let before = dump(&db);
    let out = export_to(db_s, &db);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("is the store itself"));
    assert_eq!(dump(&db), before);
    let missing = tmp.path().join("no-such-dir").join("out.jsonl");
    let out = export_to(db_s, &missing);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("out.jsonl.partial"));
    assert!(!missing.exists());
}

#[test]
fn import_refuses_what_is_not_a_finished_backfill_and_creates_no_store() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("news.db");
    let import = || {
        let out = bin()
            .args(["import", "--db"])
            .arg(&db)
            .arg(dir.path())
            .output()
            .expect("run");
        assert!(!out.status.success());
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let err = import();
    assert!(err.contains("not a backfill's output folder"), "{err}");
    assert!(!db.exists(), "a store was created for nothing");

    // A backfill still running (or killed): its manifest says so.
    std::fs::write(
        dir.path().join("manifest.json"),
        r#"{"format": "storyline-backfill/1", "complete": false, "batches": 0,
            "ingest": {"batch": 500, "words": 100, "window": null, "threshold": null}}"#,
    )
    .expect("manifest");
    let err = import();
    assert!(err.contains("did not finish"), "{err}");
    assert!(!db.exists());
}

#[test]
fn ingest_and_stories_read_html_with_the_extractor_named_by_flag_or_environment() {
    let tmp = tempfile::tempdir().expect("tempdir");
    // A page that renders its article twice: `density` keeps one copy,
    // Readability both (and so does the default here: `density`'s
    // container grew over both copies, so the default takes Readability's).
    let page = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../crates/core/tests/fixtures/extract/article-rendered-twice.html");
    let page = page.to_str().expect("path");
    let body_words = |extractor: Option<&str>| -> i64 {
        let db = tmp
            .path()
            .join(format!("{}.db", extractor.unwrap_or("default")));
        let mut cmd = bin();
        cmd.args(["ingest", page, "--db", db.to_str().expect("path")]);
        if let Some(x) = extractor {
            cmd.env("STORYLINE_EXTRACTOR", x);
        }
        let out = cmd.output().expect("run");
        assert_ok(&out);
        let body: String = Connection::open(&db)
            .and_then(|c| c.query_row("SELECT body FROM articles", [], |r| r.get(0)))
            .expect("one article");
        body.split_whitespace().count() as i64
    };
    let default = body_words(None);
    assert_eq!(body_words(Some("readability")), default);
    assert!(
        body_words(Some("density")) < default,
        "density keeps the article once"
    );
    // An unknown name is said, and the default used.
    let out = bin()
        .args(["stories", page, "--format", "json"])
        .env("STORYLINE_EXTRACTOR", "bogus")
        .output()
        .expect("run");
    assert_ok(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("STORYLINE_EXTRACTOR ignored"));
    // `--extractor` names it on the command line, and wins over the
    // environment; `clean` reads with it too.
    let words_cleaned = |flag: &str, env: &str| -> usize {
        let out = bin()
            .args(["clean", page, "--format", "json", "--extractor", flag])
            .env("STORYLINE_EXTRACTOR", env)
            .output()
            .expect("run");
        assert_ok(&out);
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        json[0]["body"]
            .as_str()
            .expect("body")
            .split_whitespace()
            .count()
    };
    assert!(words_cleaned("density", "readability") < words_cleaned("readability", "density"));
    let out = bin()
        .args(["digest", page, "--extractor", "bogus"])
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown extractor"));
}

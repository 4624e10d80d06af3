//! The `storyline` binary end to end: the example, help text, and bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/iraq-2020-01-10")
}

fn storyline(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_storyline"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A folder with copies of the example articles plus extra files.
fn fixture(extra: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(example()).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
        }
    }
    for (name, bytes) in extra {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

#[test]
fn digest_of_the_example() {
    let o = storyline(
        &["digest", example().to_str().unwrap(), "--color", "never"],
        &example(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Story of 2020-01-10 · 3 sources ·"), "{out}");
    assert!(out.contains("Summary"), "{out}");
    assert!(out.contains("[1]") && out.contains("[3]"), "{out}");
    assert!(
        out.contains("(inferred)"),
        "the undated article's date is marked inferred: {out}"
    );
    assert!(out.contains("Dropped"), "{out}");
}

#[test]
fn digest_formats() {
    let dir = example();
    let md = storyline(&["digest", ".", "--format", "md"], &dir);
    assert!(md.status.success());
    assert!(stdout(&md).starts_with("# "));
    let js = storyline(&["digest", ".", "--format", "json", "--words", "60"], &dir);
    assert!(js.status.success());
    let v: serde_json::Value = serde_json::from_str(&stdout(&js)).expect("valid JSON");
    assert_eq!(v["words"], 60);
    assert_eq!(v["sources"].as_array().unwrap().len(), 3);
    let first = &v["summary"][0]["citations"][0];
    assert!(
        first["span"]["start"].is_u64() && first["line"].is_u64() && first["article"].is_string()
    );
}

#[test]
fn every_command_has_help() {
    for cmd in [
        vec!["--help"],
        vec!["digest", "--help"],
        vec!["clean", "--help"],
    ] {
        let o = storyline(&cmd, &example());
        assert!(o.status.success(), "{cmd:?}");
        assert!(stdout(&o).contains("Usage"), "{cmd:?}");
    }
}

#[test]
fn clean_shows_kept_and_dropped_lines() {
    let o = storyline(
        &["clean", "002_4616de958eaffeb4.txt", "--color", "never"],
        &example(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("drop [icon-font chrome]"), "{out}");
    assert!(out.contains("drop [related-article link]"), "{out}");
    assert!(out.contains("keep"), "{out}");
    let js = storyline(
        &["clean", "--format", "json", "003_2b95c5d5c5cf6be4.txt"],
        &example(),
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&js)).unwrap();
    assert_eq!(v[0]["dateline"], "BAGHDAD");
}

#[test]
fn an_empty_file_is_named_and_skipped() {
    let dir = fixture(&[("empty.txt", b"")]);
    let o = storyline(&["digest", ".", "--color", "never"], dir.path());
    assert_eq!(
        o.status.code(),
        Some(3),
        "exit code says something was skipped"
    );
    assert!(
        stderr(&o).contains("empty.txt") && stderr(&o).contains("empty"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("[3]"), "the good files are digested");
    // Alone, it is a failure with a clear message.
    let o = storyline(&["digest", "empty.txt"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("empty.txt"));
}

#[test]
fn a_binary_file_is_named_and_skipped() {
    let mut bin = b"\x7fELF\x02\x01\x01\x00\x00\x00".to_vec();
    bin.extend((0..4000u32).map(|i| (i * 7 % 256) as u8));
    let dir = fixture(&[("program.bin", &bin)]);
    let o = storyline(&["digest", ".", "--color", "never"], dir.path());
    assert_eq!(o.status.code(), Some(3));
    assert!(
        stderr(&o).contains("program.bin") && stderr(&o).contains("binary"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("[3]"));
}

#[test]
fn a_latin1_file_is_decoded_and_says_how() {
    let latin1 = b"Caf\xe9 owners protest new tax\n\nOwners of caf\xe9s in M\xfcnchen protested on Monday against a new tax on terraces.\n\nThe city said the tax would raise \xa32 million a year.\n";
    let dir = fixture(&[("latin1.txt", latin1)]);
    let o = storyline(&["digest", "latin1.txt", "--format", "json"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["sources"][0]["title"], "Café owners protest new tax");
    assert!(
        v["sources"][0]["decoded_as"]
            .as_str()
            .unwrap()
            .contains("windows-1252")
    );
}

#[test]
fn a_10mb_single_line_file_does_not_stop_the_batch() {
    let sentence = "Officials said the talks would continue next week despite protests. ";
    let mut big = String::from("A very long page\n");
    while big.len() < 10_000_000 {
        big.push_str(sentence);
    }
    let dir = fixture(&[("huge.txt", big.as_bytes())]);
    let o = storyline(&["digest", ".", "--format", "json"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["sources"].as_array().unwrap().len(), 4);
}

#[test]
fn a_folder_mixing_good_and_bad_files() {
    let dir = fixture(&[
        ("empty.txt", b""),
        ("blank.txt", b"   \n\n  \n"),
        ("nul.txt", b"abc\x00def\x00"),
        ("only-chrome.txt", b"Title\n\nShare this story!\n"),
    ]);
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(
        dir.path().join("sub/extra.txt"),
        "Another outlet's story\n\nThe United States on Friday refused a request by Iraq to pull out its 5,200 troops.\n",
    )
    .unwrap();
    let o = storyline(&["digest", ".", "--format", "json"], dir.path());
    assert_eq!(o.status.code(), Some(3));
    let err = stderr(&o);
    for name in ["empty.txt", "blank.txt", "nul.txt", "only-chrome.txt"] {
        assert!(err.contains(name), "{name} not reported: {err}");
    }
    assert!(err.contains("4 input(s) skipped"), "{err}");
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        v["sources"].as_array().unwrap().len(),
        4,
        "three example files and sub/extra.txt"
    );
}

#[test]
fn stdin_is_read() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_storyline"))
        .args(["digest", "-", "--color", "never"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            b"Piped title\n\nThe council approved the budget on Tuesday after a long debate.\n",
        )
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.contains("Piped title"));
    // One undated article: said so, in the singular.
    assert!(out.contains("Undated story · 1 source ·"), "{out}");
}

#[test]
fn stories_keep_a_record_emptied_by_cleaning_as_a_set_aside_story() {
    // A title line with nothing under it has no body text after cleaning;
    // it stays in the output, its own story, with the reason.
    let dir = fixture(&[("flash.txt", b"Harbour bridge closes to cars\n")]);
    let o = storyline(&["stories", ".", "--format", "json"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let stories = v.as_array().expect("array");
    let listed: usize = stories
        .iter()
        .map(|s| s["articles"].as_array().map_or(0, |a| a.len()))
        .sum();
    assert_eq!(listed, 4, "every record read is listed");
    let aside: Vec<&serde_json::Value> =
        stories.iter().filter(|s| s["set_aside"] == true).collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        aside[0]["set_aside_reason"],
        "no body text left after cleaning"
    );
    assert_eq!(aside[0]["articles"][0]["path"], "./flash.txt");
    assert!(stderr(&o).contains("set aside ./flash.txt: no body text left after cleaning"));
    // The example's three articles are one story.
    assert!(
        stories.iter().any(
            |s| s["set_aside"] == false && s["articles"].as_array().map(|a| a.len()) == Some(3)
        )
    );
    // The text output lists it too, after the digests, with the reason.
    let o = storyline(&["stories", "."], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("== set aside: 1 page(s)"), "{out}");
    assert!(
        out.contains("./flash.txt  (no body text left after cleaning)"),
        "{out}"
    );
}

//! Cleaning tests are in tests/ (example files) and rules_tests below.

use super::clean;
use crate::ingest::RawDoc;

#[test]
fn a_lone_long_paragraph_without_a_title_stays_the_body() {
    let text = "The council voted on Tuesday to close the old harbour bridge to cars after engineers found cracks in two of its supports. Repairs will take a year, the mayor said, and buses will be rerouted.";
    let a = clean(&RawDoc::text("r.jsonl:1", text));
    assert_eq!(a.body, text);
    assert_eq!(
        a.title,
        "The council voted on Tuesday to close the old harbour bridge to cars after engineers found cracks in two of its supports."
    );
    // A short lone line is still a title with no body.
    let b = clean(&RawDoc::text("t.txt", "Harbour bridge closes to cars\n"));
    assert_eq!(b.title, "Harbour bridge closes to cars");
    assert!(b.body.is_empty());
}

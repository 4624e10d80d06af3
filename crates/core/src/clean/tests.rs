//! Chrome rules on lines written from other sites' habits, and on body
//! sentences they must leave alone.

use super::dateline::{find_dateline, parse_date_line};
use super::rules::classify_line;
use super::{clean, infer_missing_dates};
use crate::ingest::RawDoc;
use crate::model::DropReason::{self, *};

/// (line, the reason it is chrome)
const CHROME: &[(&str, DropReason)] = &[
    (
        "icon-search icon-menu icon-close icon-facebook icon-twitter",
        IconChrome,
    ),
    (
        "iconfacebookicontwittericonmailiconprinticonshare",
        IconChrome,
    ),
    (
        "chevron-left chevron-right close menu search share",
        IconChrome,
    ),
    ("5 min read", ReadingTime),
    ("Reading time: 4 minutes", ReadingTime),
    ("12-minute read", ReadingTime),
    ("About 6 mins read", ReadingTime),
    ("Estimated reading time: 3 min", ReadingTime),
    (
        "Also on bbc.co.uk Storm leaves thousands without power",
        RelatedLink,
    ),
    ("READ MORE: Markets slide as oil jumps", RelatedLink),
    (
        "Read more: The fight over the budget, explained",
        RelatedLink,
    ),
    ("Related: How the vote unfolded", RelatedLink),
    ("You may also like", RelatedLink),
    ("WATCH: Flooding sweeps through the valley", RelatedLink),
    (
        "Recommended for you: Five things to know today",
        RelatedLink,
    ),
    ("Share this article", SharePrompt),
    ("Follow us on Facebook and Instagram", SharePrompt),
    ("Like us on Facebook to see similar stories", SharePrompt),
    (
        "Subscribe to our newsletter for the latest updates",
        SharePrompt,
    ),
    (
        "Think your friends would be interested? Share this story!",
        SharePrompt,
    ),
    ("Share on WhatsApp", SharePrompt),
    ("Follow @newsdesk for live updates", SharePrompt),
    ("Sign up for our morning briefing", SharePrompt),
    (
        "Protesters gather outside parliament on Monday [Reuters]",
        PhotoCaption,
    ),
    ("Photo: Jane Doe/AP", PhotoCaption),
    ("Image copyright Getty Images", PhotoCaption),
    ("Firefighters at the scene of the blaze | AFP", PhotoCaption),
    (
        "The minister arrives for talks (Photo by John Lee)",
        PhotoCaption,
    ),
    (
        "A rescue worker searches the rubble (AFP Photo)",
        PhotoCaption,
    ),
    ("Advertisement", Boilerplate),
    ("Story continues below advertisement", Boilerplate),
    (
        "Copyright 2024 The Daily Bugle. All rights reserved.",
        Boilerplate,
    ),
    ("Reporting by Ana Lopez; Editing by Tom Hale", Boilerplate),
    ("By Sarah Connor and Kyle Reese", Boilerplate),
    ("Skip to main content", Boilerplate),
];

/// Body sentences that mention chrome words but are news.
const BODY: &[&str] = &[
    "The company said it would share the data with regulators next month.",
    "Shares fell 3% in early trading after the announcement.",
    "He urged followers to subscribe to the government's new alert service, officials said.",
    "The photo, taken by a bystander, showed the car on fire.",
    "Officials read more than 200 letters from residents before the vote.",
    "The minister said talks would last about 5 minutes longer than planned.",
    "\"We will follow the law,\" the judge said.",
    "Related negotiations are expected to resume in March.",
    "The group said it had seen no evidence of the claims [sic].",
    "The United States on Monday rejected the proposal, a spokesman said.",
    "Residents were told to stay connected to local radio for updates during the storm, which knocked out power to 40,000 homes across the region.",
    "By the end of the week, the ceasefire had collapsed.",
    "Also on Tuesday, the court ruled against the company.",
    "Icons of the civil rights movement attended the ceremony.",
    "Watch officials said the storm could strengthen overnight.",
];

#[test]
fn chrome_lines_are_recognized_with_their_reason() {
    let mut failures = Vec::new();
    for (line, want) in CHROME {
        let got = classify_line(line);
        if got != Some(*want) {
            failures.push(format!("{line:?}: got {got:?}, want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(CHROME.len() >= 30);
}

#[test]
fn body_sentences_are_not_chrome() {
    let bad: Vec<String> = BODY
        .iter()
        .filter_map(|l| classify_line(l).map(|r| format!("{l:?} taken for {r:?}")))
        .collect();
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn date_lines_parse_and_sentences_with_dates_do_not() {
    let cases = [
        ("10 January, 2020", "2020-01-10", None),
        ("10 Jan, 2020 17:36", "2020-01-10", Some("17:36")),
        (
            "Published: March 3, 2021 5:36 pm ET",
            "2021-03-03",
            Some("17:36"),
        ),
        ("Updated 2019-11-05T08:15", "2019-11-05", Some("08:15")),
        ("Tuesday 14 May 2024", "2024-05-14", None),
        ("Sept. 9th, 2018", "2018-09-09", None),
        (
            "Last updated: 21/06/2022 at 09:30",
            "2022-06-21",
            Some("09:30"),
        ),
    ];
    for (line, date, time) in cases {
        let (d, t) = parse_date_line(line).unwrap_or_else(|| panic!("{line:?} not parsed"));
        assert_eq!(d.to_string(), date, "{line}");
        assert_eq!(
            t.map(|t| t.format("%H:%M").to_string()).as_deref(),
            time,
            "{line}"
        );
    }
    for line in [
        "The vote was held on 10 January, 2020.",
        "On March 3, 2021 the court ruled.",
        "2020",
        "May 2020 was hot",
    ] {
        assert_eq!(parse_date_line(line), None, "{line}");
    }
}

#[test]
fn datelines_are_found_only_at_upper_case_places() {
    let yes = [
        ("LONDON - The bank raised rates.", "LONDON"),
        ("NEW YORK (Reuters) - Stocks fell on Monday.", "NEW YORK"),
        ("WASHINGTON — The Senate voted.", "WASHINGTON"),
        ("KYIV, Ukraine - Sirens sounded overnight.", "KYIV, Ukraine"),
    ];
    for (p, place) in yes {
        assert_eq!(find_dateline(p).map(|d| d.0).as_deref(), Some(place), "{p}");
    }
    for p in [
        "The US - and its allies - objected.",
        "NATO said the drills would go on.",
        "Minister: the plan works.",
        "UN - ",
    ] {
        assert_eq!(find_dateline(p), None, "{p}");
    }
}

fn doc(text: &str) -> RawDoc {
    RawDoc::text("fixture.txt", text)
}

#[test]
fn a_page_from_another_site_is_cleaned() {
    let text = "Skip to main content\n\
        Storm leaves thousands without power\n\
        By Ana Lopez\n\
        Tuesday 14 May 2024\n\
        4 min read\n\
        Storm leaves thousands without power\n\
        \n\
        PORTLAND, Maine - A late-season storm knocked out power to 40,000 homes on Monday.\n\
        \n\
        Crews worked through the night, the utility said.\n\
        \n\
        Line workers at a substation (Photo by Jo Kim)\n\
        \n\
        What comes next\n\
        \n\
        Officials expect power to be restored by Wednesday.\n\
        \n\
        Share this article\n";
    let a = clean(&doc(text));
    assert_eq!(a.title, "Storm leaves thousands without power");
    assert_eq!(a.published.as_ref().unwrap().date.to_string(), "2024-05-14");
    assert_eq!(a.dateline.as_deref(), Some("PORTLAND, Maine"));
    let kept: Vec<&str> = a.paragraphs.iter().map(|p| a.paragraph_text(p)).collect();
    assert_eq!(
        kept,
        vec![
            "A late-season storm knocked out power to 40,000 homes on Monday.",
            "Crews worked through the night, the utility said.",
            "Officials expect power to be restored by Wednesday.",
        ]
    );
    let reasons: Vec<(usize, DropReason)> = a.dropped.iter().map(|d| (d.line, d.reason)).collect();
    assert_eq!(
        reasons,
        vec![
            (1, Boilerplate),
            (3, Boilerplate),
            (4, DateLine),
            (5, ReadingTime),
            (6, RepeatedTitle),
            (12, PhotoCaption),
            (14, SectionHeading),
            (18, SharePrompt),
        ]
    );
}

#[test]
fn an_article_without_chrome_loses_nothing() {
    let text = "Council approves budget\n\nThe council approved the budget on Tuesday.\n\nIt passed 7 votes to 2.\n\nThe mayor said she was pleased.";
    let a = clean(&doc(text));
    assert!(a.dropped.is_empty(), "{:?}", a.dropped);
    assert_eq!(a.paragraphs.len(), 3);
    assert!(a.standfirst.is_none());
}

#[test]
fn inferred_dates_say_so() {
    let mut arts = vec![
        clean(&doc("A\n\n2 March 2021\n\nFirst body sentence here.")),
        clean(&doc("B\n\nSecond article body sentence.")),
    ];
    infer_missing_dates(&mut arts);
    let p = arts[1].published.as_ref().unwrap();
    assert_eq!(p.how, crate::model::DateSource::Inferred);
    assert_eq!(p.date.to_string(), "2021-03-02");
}

proptest::proptest! {
    /// Cleaning never panics and every kept paragraph is verbatim input text.
    #[test]
    fn paragraphs_are_verbatim_input(text in "(\\PC{0,60}\n){0,12}") {
        let a = clean(&doc(&text));
        for p in &a.paragraphs {
            let off = p.source_offset.unwrap();
            let body = a.paragraph_text(p);
            proptest::prop_assert_eq!(&text[off..off + body.len()], body);
        }
    }

    /// A plain sentence of lower-case words ending in a full stop is body.
    #[test]
    fn plain_sentences_are_kept(words in proptest::collection::vec("[a-z]{2,9}", 6..20)) {
        let sentence = format!("The {}.", words.join(" "));
        proptest::prop_assert_eq!(classify_line(&sentence), None);
    }

    /// The date-line and dateline parsers never panic on any line.
    #[test]
    fn date_parsers_never_panic(line in "\\PC{0,80}") {
        let _ = parse_date_line(&line);
        if let Some((_, len)) = find_dateline(&line) {
            proptest::prop_assert!(line.is_char_boundary(len));
        }
    }
}

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

//! Chrome rules on lines written from other sites' habits, and on body
//! sentences they must leave alone.

use super::dateline::{find_dateline, parse_date_line};
use super::rules::{classify_line, is_page_notice, is_photo_caption};
use super::{article_words, clean, infer_missing_dates};
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
        ("WASHINGTON (AP) _ The Senate voted.", "WASHINGTON"),
        ("NEW YORK -- Shares rose in early trading.", "NEW YORK"),
    ];
    for (p, place) in yes {
        assert_eq!(find_dateline(p).map(|d| d.0).as_deref(), Some(place), "{p}");
    }
    for p in [
        "The US - and its allies - objected.",
        "NATO said the drills would go on.",
        "Minister: the plan works.",
        "UN - ",
        "THE_END _ ",
        "Chapter one -- the start.",
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
    /// Cleaning never panics and every kept paragraph is verbatim input
    /// text (the line breaks inside a hard-wrapped paragraph read as spaces).
    #[test]
    fn paragraphs_are_verbatim_input(text in "(\\PC{0,60}\r?\n){0,12}") {
        let a = clean(&doc(&text));
        for p in &a.paragraphs {
            let off = p.source_offset.unwrap();
            let body = a.paragraph_text(p);
            proptest::prop_assert_eq!(text[off..off + body.len()].replace(['\r', '\n'], " "), body);
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
    // A short lone line without a sentence's end is a headline with no body.
    let b = clean(&RawDoc::text("t.txt", "Harbour bridge closes to cars\n"));
    assert_eq!(b.title, "Harbour bridge closes to cars");
    assert!(b.body.is_empty());
    // A short lone sentence (a one-line flash, a tweet-like excerpt) is all
    // the text there is: it stays the body, and is the title too.
    let t = clean(&RawDoc::text(
        "r.jsonl:3",
        "Storm warning for the coast tonight, stay safe!",
    ));
    assert_eq!(t.body, "Storm warning for the coast tonight, stay safe!");
    assert_eq!(t.title, "Storm warning for the coast tonight, stay safe!");
    let c = clean(&RawDoc::text(
        "r.jsonl:2",
        "BREAKING: Senate passes the infrastructure bill 69-30.",
    ));
    // (the "BREAKING:" kicker is the page's label, not the news)
    assert_eq!(c.body, "Senate passes the infrastructure bill 69-30.");
    // A post that ends in its link is text too, not a headline.
    let p = clean(&RawDoc::text(
        "r.jsonl:6",
        "Fed raises rates by 0.75 points, biggest hike since 1994 https://t.co/x1Yz",
    ));
    assert!(
        p.body.starts_with("Fed raises rates by 0.75 points"),
        "{p:?}"
    );
    // A link alone with a word or two is not.
    let l = clean(&RawDoc::text(
        "r.jsonl:7",
        "Read more https://example.org/a\n",
    ));
    assert!(!l.body.contains("Read more"), "{l:?}");
    // A record whose text is its title and nothing else keeps it as the
    // body (a tweet-like record with the text in both fields).
    let mut r = RawDoc::text("r.jsonl:4", "Storm warning for the coast tonight");
    r.title = Some("Storm warning for the coast tonight".into());
    let t = clean(&r);
    assert_eq!(t.body, "Storm warning for the coast tonight");
    assert!(t.dropped.is_empty());
    // Two short lines, tweet-like: the first is the title, the second the
    // body; nothing is emptied.
    let t = clean(&RawDoc::text(
        "r.jsonl:5",
        "Storm warning for the coast tonight, stay safe!\nRoads near the harbour are already closed.",
    ));
    assert_eq!(t.title, "Storm warning for the coast tonight, stay safe!");
    assert_eq!(t.body, "Roads near the harbour are already closed.");
    // A title line and a body line: the first is the title, as before.
    let d = clean(&RawDoc::text(
        "u.txt",
        "Bridge closes\n\nThe bridge closes to cars on Monday.\n",
    ));
    assert_eq!(d.title, "Bridge closes");
    assert_eq!(d.body, "The bridge closes to cars on Monday.");
}

/// Sentences about the page, not the news, as scrapes glue them onto or in
/// place of article text.
const PAGE_NOTICES: &[&str] = &[
    "Please enable JavaScript to view the comments powered by our partner.",
    "We've noticed that JavaScript is disabled in this browser.",
    "To keep reading, please update your browser.",
    "Media playback is unsupported on your device.",
    "You must log in to continue.",
    "We have sent you a verification email, please check your inbox.",
    "You can add location information to your Tweets, such as your city or precise location.",
    "This name will appear next to all of your comments.",
    "This video is currently unavailable.",
    "Rating is available when the video has been rented.",
    "The interactive transcript could not be loaded.",
    "This copy is for your personal, non-commercial use only.",
    "Sorry, this postcode is not in our deliverable area.",
    "Focused crawls are collections of frequently updated pages from a narrow set of sites.",
    "The crawl started in 2014 with a seed list of news sites.",
    "This collection was curated using the Archive-It service.",
    "Pages are added to the Wayback Machine after an embargo period.",
    "The seed for wide00014 was: slash pages from every domain on the web.",
    "Advertisement",
];

/// News sentences that share words with page notices.
const NOT_NOTICES: &[&str] = &[
    "Traffic crawled along the highway for hours after the crash.",
    "A pub crawl through the old town ended with 14 arrests, police said.",
    "Hackers used a flaw in the browser to steal passwords, the company said.",
    "Police said the video is not available to the public while the inquiry goes on.",
    "The apartment has been rented to a family of four since March.",
    "Residents were asked to sign up for emergency alerts by text message.",
    "The senator said her tweets about the vote had been taken out of context.",
    "The top seed for the tournament was knocked out in the first round.",
];

#[test]
fn page_notices_are_told_from_news_sentences() {
    let missed: Vec<_> = PAGE_NOTICES.iter().filter(|s| !is_page_notice(s)).collect();
    assert!(missed.is_empty(), "not taken for notices: {missed:?}");
    let wrong: Vec<_> = NOT_NOTICES.iter().filter(|s| is_page_notice(s)).collect();
    assert!(wrong.is_empty(), "taken for notices: {wrong:?}");
}

#[test]
fn a_caption_run_together_with_the_article_is_not_a_caption() {
    assert!(is_photo_caption(
        "Image copyright Reuters Image caption Crowds gathered outside the court"
    ));
    let glued = format!(
        "Image copyright Reuters Image caption Crowds gathered outside the court {}",
        "the judge ruled on Tuesday that the company must pay damages to the families. ".repeat(6)
    );
    assert!(!is_photo_caption(&glued));
    let a = clean(&doc(&glued));
    assert!(a.body.contains("must pay damages"), "{:?}", a.dropped);
}

#[test]
fn article_words_leave_out_page_notices_and_stop_at_the_cap() {
    let wall = clean(&doc(
        "Tweet with a location\n\nYou can add location information to your Tweets, such as your \
         city or precise location, from the web and via third-party applications. You always have \
         the option to delete your Tweet location history. Learn more\n",
    ));
    assert!(
        article_words(&wall, 40) < 10,
        "{}",
        article_words(&wall, 40)
    );
    let news = clean(&doc(
        "Storm closes port\n\nA storm closed the port of the city on Monday, officials said, and \
         ships waited offshore for two days while crews cleared the channel. Please enable \
         JavaScript to view the comments. The harbour master said trade would resume on \
         Thursday if the weather held, and that no one had been hurt in the storm.\n",
    ));
    let all = article_words(&news, usize::MAX);
    assert_eq!(all, 24 + 23, "{}", news.body);
    assert_eq!(article_words(&news, 40), 40);
}

#[test]
fn a_paragraph_of_sentences_ending_in_a_bracketed_tag_is_body_text() {
    // Captions: a line or one sentence before the credit.
    assert!(is_photo_caption(
        "Lawmakers voted to remove the foreign forces last week [Getty]"
    ));
    assert!(is_photo_caption(
        "Firefighters battle the blaze near the port on Sunday. [AFP]"
    ));
    // Body paragraphs that cite a source tag after several sentences.
    let body = "The council met for six hours. It voted to close the old bridge, \
                citing the engineers' report on its rusted cables. [Council minutes]";
    assert!(!is_photo_caption(body));
    let a = clean(&doc(&format!(
        "Bridge closes\n\n{body}\n\n{}",
        "The mayor said the work would begin in spring. ".repeat(3)
    )));
    assert!(a.body.contains("rusted cables"), "{:?}", a.dropped);
}

//! Temporal rules on sentences written from other news.

use super::*;
use crate::analyze::testutil::story;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

/// Expressions of consecutive sentences of one article, resolved
/// against `reference`.
fn resolve_all(reference: &str, sentences: &[&str]) -> Vec<TemporalExpression> {
    let mut anchor = None;
    let mut out = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        out.extend(expressions_in(
            SentenceRef {
                article: 0,
                sentence: i,
            },
            0,
            s,
            d(reference),
            &mut anchor,
        ));
    }
    out
}

/// The label of the expression with these words.
#[track_caller]
fn dated(reference: &str, sentences: &[&str], words: &str, want: &str) -> TemporalExpression {
    let all = resolve_all(reference, sentences);
    let e = all.iter().find(|e| e.text == words).unwrap_or_else(|| {
        panic!(
            "{words:?} not found in {:?}",
            all.iter().map(|e| &e.text).collect::<Vec<_>>()
        )
    });
    assert_eq!(e.date.label(), want, "{words:?}: {}", e.how);
    e.clone()
}

// 2021-03-10 is a Wednesday; 2021-03-12 a Friday.

#[test]
fn weekday_in_the_past() {
    dated(
        "2021-03-10",
        &["Talks broke down on Monday."],
        "on Monday",
        "2021-03-08",
    );
}

#[test]
fn weekday_same_as_publication() {
    dated(
        "2021-03-10",
        &["Rescuers arrived on Wednesday."],
        "on Wednesday",
        "2021-03-10",
    );
}

#[test]
fn bare_weekday() {
    dated(
        "2021-03-12",
        &["Markets fell Tuesday after the report."],
        "Tuesday",
        "2021-03-09",
    );
}

#[test]
fn last_weekday_is_strictly_before() {
    dated(
        "2021-03-12",
        &["The ship docked last Friday."],
        "last Friday",
        "2021-03-05",
    );
}

#[test]
fn next_weekday() {
    dated(
        "2021-03-10",
        &["Ministers meet next Tuesday."],
        "next Tuesday",
        "2021-03-16",
    );
}

#[test]
fn weekday_in_a_future_sentence() {
    let e = dated(
        "2021-03-10",
        &["The summit will take place on Saturday in Geneva."],
        "on Saturday",
        "2021-03-13",
    );
    assert!(e.how.contains("future"));
}

#[test]
fn late_weekday() {
    dated(
        "2021-03-12",
        &["The deal was signed late Thursday."],
        "late Thursday",
        "2021-03-11",
    );
}

#[test]
fn earlier_same_weekday() {
    dated(
        "2021-03-12",
        &["Earlier Friday, the court adjourned."],
        "Earlier Friday",
        "2021-03-12",
    );
}

#[test]
fn weekday_with_time_of_day() {
    dated(
        "2021-03-10",
        &["Shelling resumed on Monday night."],
        "on Monday night",
        "2021-03-08",
    );
}

#[test]
fn yesterday_today_tomorrow() {
    dated(
        "2021-03-10",
        &["The vote took place yesterday."],
        "yesterday",
        "2021-03-09",
    );
    dated(
        "2021-03-10",
        &["The results are due tomorrow."],
        "tomorrow",
        "2021-03-11",
    );
    dated(
        "2021-03-10",
        &["Schools reopened today."],
        "today",
        "2021-03-10",
    );
}

#[test]
fn last_week_is_the_previous_monday_to_sunday() {
    let e = dated(
        "2021-03-10",
        &["Parliament passed the bill last week."],
        "last week",
        "2021-03-01/2021-03-07",
    );
    assert_eq!(e.date.granularity, Granularity::Week);
}

#[test]
fn this_week() {
    dated(
        "2021-03-10",
        &["Prices rose this week."],
        "this week",
        "2021-03-08/2021-03-14",
    );
}

#[test]
fn last_month_and_last_year() {
    dated(
        "2021-03-10",
        &["Sales fell last month."],
        "last month",
        "2021-02",
    );
    let e = dated(
        "2021-03-10",
        &["Sales fell last year."],
        "last year",
        "2020",
    );
    assert_eq!(e.date.granularity, Granularity::Year);
}

#[test]
fn a_week_ago() {
    dated(
        "2021-03-10",
        &["The strike a week ago killed two people."],
        "a week ago",
        "2021-03-03",
    );
}

#[test]
fn days_ago_in_words() {
    dated(
        "2021-03-10",
        &["He vanished three days ago."],
        "three days ago",
        "2021-03-07",
    );
}

#[test]
fn months_ago() {
    let e = dated(
        "2021-03-10",
        &["The camp was set up two months ago."],
        "two months ago",
        "2021-01",
    );
    assert_eq!(e.date.granularity, Granularity::Month);
}

#[test]
fn years_ago() {
    dated(
        "2021-03-10",
        &["The dam was built five years ago."],
        "five years ago",
        "2016",
    );
}

#[test]
fn month_day_without_year() {
    dated(
        "2021-03-10",
        &["The ceasefire began on March 3."],
        "March 3",
        "2021-03-03",
    );
}

#[test]
fn month_day_after_the_reference_is_last_year() {
    dated(
        "2021-01-05",
        &["The fire started on December 24."],
        "December 24",
        "2020-12-24",
    );
}

#[test]
fn day_month_order() {
    dated(
        "2021-03-10",
        &["Talks opened on 14 February."],
        "14 February",
        "2021-02-14",
    );
}

#[test]
fn full_date_with_year() {
    dated(
        "2022-01-06",
        &["The riot of January 6, 2021 was investigated."],
        "January 6, 2021",
        "2021-01-06",
    );
}

#[test]
fn abbreviated_month() {
    dated(
        "2021-03-10",
        &["Filed on Feb. 2, the suit names three firms."],
        "Feb. 2",
        "2021-02-02",
    );
}

#[test]
fn month_alone_takes_the_last_occurrence() {
    dated(
        "2021-03-10",
        &["The protests began in September."],
        "September",
        "2020-09",
    );
}

#[test]
fn early_month() {
    let e = dated(
        "2021-03-10",
        &["Unrest has continued since early December."],
        "early December",
        "2020-12-01/2020-12-10",
    );
    assert_eq!(e.date.granularity, Granularity::Month);
}

#[test]
fn late_month() {
    dated(
        "2021-07-15",
        &["The rains came in late June."],
        "late June",
        "2021-06-21/2021-06-30",
    );
}

#[test]
fn mid_month_with_year() {
    dated(
        "2021-07-15",
        &["The plant closed in mid-May 2019."],
        "mid-May 2019",
        "2019-05-11/2019-05-20",
    );
}

#[test]
fn month_and_year() {
    dated(
        "2021-07-15",
        &["Elections were held in November 2020."],
        "November 2020",
        "2020-11",
    );
}

#[test]
fn explicit_year() {
    let e = dated(
        "2021-03-10",
        &["The treaty was signed in 1998."],
        "1998",
        "1998",
    );
    assert_eq!(e.how, "explicit year");
}

#[test]
fn a_count_is_not_a_year() {
    let all = resolve_all(
        "2021-03-10",
        &["Some 2000 troops and $1999 in cash were seized."],
    );
    assert!(all.is_empty(), "{all:?}");
}

#[test]
fn iso_date() {
    dated(
        "2021-03-10",
        &["The filing is dated 2021-02-01."],
        "2021-02-01",
        "2021-02-01",
    );
}

#[test]
fn numeric_month_day() {
    let e = dated(
        "2021-03-20",
        &["The outage on 3/15 hit millions."],
        "3/15",
        "2021-03-15",
    );
    assert!(e.how.contains("month/day"));
}

#[test]
fn numeric_day_month() {
    let e = dated(
        "2021-03-20",
        &["The outage on 15/3 hit millions."],
        "15/3",
        "2021-03-15",
    );
    assert!(e.how.contains("day/month"));
}

#[test]
fn numeric_idiom_is_not_a_date() {
    assert!(resolve_all("2021-03-20", &["Staff work 24/7 at the port."]).is_empty());
}

#[test]
fn the_following_day_uses_the_previous_date() {
    let e = dated(
        "2021-03-12",
        &[
            "Voters went to the polls on Tuesday.",
            "The following day, results were announced.",
        ],
        "The following day",
        "2021-03-10",
    );
    assert!(e.how.contains("day after"), "{}", e.how);
}

#[test]
fn days_later_in_numbers() {
    dated(
        "2021-03-12",
        &[
            "The storm hit on March 2.",
            "Two days later, power was restored.",
        ],
        "Two days later",
        "2021-03-04",
    );
}

#[test]
fn the_day_before() {
    dated(
        "2021-03-12",
        &[
            "The match was played on Sunday.",
            "Fans had gathered the day before.",
        ],
        "the day before",
        "2021-03-06",
    );
}

#[test]
fn vague_days_later_is_a_range() {
    let e = dated(
        "2021-03-12",
        &["The quake struck on Monday.", "Days later, aid arrived."],
        "Days later",
        "2021-03-09/2021-03-15",
    );
    assert_eq!(e.date.granularity, Granularity::Days);
}

#[test]
fn hours_later_is_the_same_day() {
    dated(
        "2021-03-12",
        &[
            "The blast came on Monday.",
            "Hours later, a second blast followed.",
        ],
        "Hours later",
        "2021-03-08",
    );
}

#[test]
fn anaphora_without_an_anchor_are_skipped() {
    assert!(
        resolve_all(
            "2021-03-12",
            &["The following day, results were announced."]
        )
        .is_empty()
    );
}

#[test]
fn may_the_verb_is_not_a_month() {
    assert!(resolve_all("2021-03-12", &["The court may rule soon."]).is_empty());
}

#[test]
fn statement_dates_are_marked() {
    let all = resolve_all(
        "2021-03-12",
        &["The minister resigned on Tuesday, her office said on Wednesday."],
    );
    let tue = all.iter().find(|e| e.text == "on Tuesday").unwrap();
    let wed = all.iter().find(|e| e.text == "on Wednesday").unwrap();
    assert!(!tue.statement);
    assert!(wed.statement);
}

#[test]
fn quoted_future_does_not_change_the_writers_tense() {
    dated(
        "2021-03-12",
        &["\"We will win,\" she told supporters on Monday."],
        "on Monday",
        "2021-03-08",
    );
}

#[test]
fn timeline_merges_dated_sentences_across_articles_and_orders_them() {
    let c = story(
        "2021-03-12",
        &[
            &[
                "Rebels captured the northern town of Kalat on Monday, the army said.",
                "Peace talks opened in Geneva in 2019.",
            ],
            &["Rebels captured the town of Kalat on Monday after heavy fighting, the army said."],
        ],
    );
    let groups = crate::dedup::near_duplicate_sentences(&c, &Default::default());
    let es = crate::analyze::find_entities(&c);
    let mi = crate::analyze::MentionIndex::new(&c, &es);
    let links = Links::new(&c, &groups, &mi);
    let exprs = all_expressions(&c);
    let tl = build_timeline(&c, &exprs, &links);
    assert_eq!(tl[0].date, "2019");
    let monday = tl.iter().find(|e| e.date == "2021-03-08").unwrap();
    assert_eq!(monday.articles, vec![0, 1]);
}

proptest::proptest! {
    #[test]
    fn never_panics_on_any_text(text in "\\PC{0,160}", y in 1990i32..2030, m in 1u32..13, dd in 1u32..29) {
        let reference = NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        let mut anchor = None;
        for e in expressions_in(SentenceRef { article: 0, sentence: 0 }, 0, &text, reference, &mut anchor) {
            proptest::prop_assert!(e.date.start <= e.date.end);
            proptest::prop_assert!(text.get(e.span.start..e.span.end).is_some());
        }
    }
}

#[test]
fn weekdays_in_the_futurate_progressive_are_ahead() {
    // 2021-04-22 is a Thursday.
    let s = [
        "Mr. Biden is announcing the pledge at a virtual summit he’s hosting Thursday and Friday.",
    ];
    dated("2021-04-22", &s, "Friday", "2021-04-23");
    dated(
        "2021-03-10",
        &["Talks resume Friday, and she’s flying to Geneva for them."],
        "Friday",
        "2021-03-12",
    );
    dated(
        "2021-03-10",
        &["The two leaders are meeting on Friday in Geneva."],
        "on Friday",
        "2021-03-12",
    );
    // A past tense in the sentence keeps the weekday behind.
    dated(
        "2021-03-10",
        &["Officials said the ministers were meeting on Monday when the news broke."],
        "on Monday",
        "2021-03-08",
    );
    // "is being" is no arrangement ahead.
    dated(
        "2021-03-10",
        &["The bridge that collapsed on Monday is being inspected."],
        "on Monday",
        "2021-03-08",
    );
}

//! Temporal expressions resolved to dates, and the story's timeline.
//!
//! Each sentence's expressions are found with a few patterns (full dates,
//! month-day, month with "early / mid / late", years, numeric "10/1",
//! weekdays with "last / next / late / earlier", "today / yesterday", "last
//! week / month / year", "N days / weeks / months ago", and anaphoric "the
//! following day", "days later", "the day before"), and resolved against
//! the article's publication date (given or inferred) or, for anaphora,
//! against the previous dated expression of the same article. Weekday and
//! month names without a year take the most recent occurrence on or before
//! the reference date, or the next one when the sentence speaks of the
//! future ("will", "next"). Expressions next to a reporting verb ("said on
//! Friday", "a statement released on Friday") date the statement, not the
//! event, and are marked so.
//!
//! Events are sentences with a date. Sentences of different articles merge
//! into one event when their dates agree (equal, or one range inside the
//! other) and their wording is similar; undated sentences that closely
//! match a dated one join its event. Events are ordered by date.

use super::lexicon::number_word;
use super::similarity::Links;
use crate::model::{SentenceRef, Span};
use crate::text::Corpus;
use crate::text::calendar::{month_number, weekday_number};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// How precise a resolved date is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    /// One day.
    Day,
    /// A few days ("days later").
    Days,
    /// A week.
    Week,
    /// A month, or part of one ("early October").
    Month,
    /// A year.
    Year,
}

/// A resolved date range (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DateRange {
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
    /// Precision.
    pub granularity: Granularity,
}

impl DateRange {
    fn day(d: NaiveDate) -> Self {
        DateRange {
            start: d,
            end: d,
            granularity: Granularity::Day,
        }
    }
    fn new(start: NaiveDate, end: NaiveDate, granularity: Granularity) -> Self {
        DateRange {
            start,
            end,
            granularity,
        }
    }
    /// ISO form: `2021-03-09`, `2021-03` (month), `1998` (year), or
    /// `2021-03-01/2021-03-07` for other ranges.
    pub fn label(&self) -> String {
        match self.granularity {
            Granularity::Day => self.start.to_string(),
            Granularity::Year => self.start.year().to_string(),
            Granularity::Month
                if self.start.day() == 1 && Some(self.end) == last_of_month(self.start) =>
            {
                format!("{}-{:02}", self.start.year(), self.start.month())
            }
            _ => format!("{}/{}", self.start, self.end),
        }
    }
    /// True when `other` lies inside this range.
    pub fn contains(&self, other: &DateRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

fn last_of_month(d: NaiveDate) -> Option<NaiveDate> {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).and_then(|x| x.pred_opt())
}

fn month_range(y: i32, m: u32) -> Option<DateRange> {
    let s = NaiveDate::from_ymd_opt(y, m, 1)?;
    Some(DateRange::new(s, last_of_month(s)?, Granularity::Month))
}

/// One temporal expression, resolved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TemporalExpression {
    /// The sentence.
    pub at: SentenceRef,
    /// Byte range in the article body.
    pub span: Span,
    /// The words ("late Thursday").
    pub text: String,
    /// The date it resolves to.
    pub date: DateRange,
    /// How it was resolved.
    pub how: String,
    /// True when it dates a statement ("said on Friday") rather than the event.
    pub statement: bool,
}

/// An event of the timeline: sentences that one date anchors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TimelineEvent {
    /// The date (ISO form; see [`DateRange::label`]).
    pub date: String,
    /// The range and granularity.
    pub range: DateRange,
    /// The event as the first source words it.
    pub text: String,
    /// The sentences that tell it, dated or matched to a dated one.
    pub sentences: Vec<SentenceRef>,
    /// Articles that carry it (sorted).
    pub articles: Vec<usize>,
    /// The expressions that date it.
    pub expressions: Vec<TemporalExpression>,
    /// How undated sentences were attached, when any were.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub matched: Vec<String>,
}

const MONTHS: &str = r"Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?";
const WEEKDAYS_RE: &str = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";

static PATTERNS: LazyLock<Vec<(Kind, Regex)>> = LazyLock::new(|| {
    let p = |k: Kind, s: String| (k, Regex::new(&s).expect("valid temporal regex"));
    vec![
        p(Kind::Iso, r"(?-u:\b)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?-u:\b)".into()),
        p(
            Kind::MonthDay,
            format!(
                r"(?-u:\b)(?P<mon>{MONTHS})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+(?P<y>\d{{4}})(?-u:\b))?"
            ),
        ),
        p(
            Kind::DayMonth,
            format!(
                r"(?-u:\b)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{MONTHS})(?:,?\s+(?P<y>\d{{4}})(?-u:\b))?"
            ),
        ),
        p(
            Kind::Month,
            format!(
                r"(?:(?-u:\b)(?P<part>(?i:early|mid|late|the end of|the beginning of|the start of|the middle of|end of|start of))[\s-]+)?(?-u:\b)(?P<mon>{MONTHS})(?-u:\b)(?:\s+(?P<y>\d{{4}})(?-u:\b))?"
            ),
        ),
        p(Kind::Numeric, r"(?-u:\b)(?P<a>\d{1,2})/(?P<b>\d{1,2})(?:/(?P<y>\d{4}|\d{2}))?(?-u:\b)".into()),
        p(
            Kind::Weekday,
            format!(
                r"(?:(?-u:\b)(?P<mod>(?i:last|next|this|on|late|early|earlier|later|until|by|since|from|coming|past))\s+)?(?-u:\b)(?P<wd>{WEEKDAYS_RE})(?-u:\b)(?:\s+(?P<tod>morning|afternoon|evening|night))?"
            ),
        ),
        p(
            Kind::Relative,
            r"(?i)(?-u:\b)(?P<w>today|yesterday|tomorrow|tonight|this (?:morning|afternoon|evening))(?-u:\b)".into(),
        ),
        p(
            Kind::Period,
            r"(?i)(?-u:\b)(?P<mod>last|next|this|earlier this|later this|past|previous|coming)\s+(?P<unit>week|weekend|month|year)(?-u:\b)".into(),
        ),
        p(
            Kind::Ago,
            r"(?i)(?-u:\b)(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3}|a few|several|some|a couple of)\s+(?P<unit>day|week|month|year|decade)s?\s+(?P<dir>ago|earlier|later|before|after)(?-u:\b)".into(),
        ),
        p(
            Kind::Anaphor,
            r"(?i)(?-u:\b)(?:(?:the\s+)?(?P<w>following|next|previous|preceding)\s+(?P<unit>day|week|month|morning|evening|night)|the\s+day\s+(?P<ba>before|after)|(?P<vague>days|weeks|months|hours)\s+(?P<dir>later|earlier|afterwards))(?-u:\b)".into(),
        ),
        p(Kind::Year, r"(?-u:\b)(?P<y>1[89]\d{2}|20\d{2})(?-u:\b)".into()),
    ]
});

static PATTERN_SET: LazyLock<regex::RegexSet> = LazyLock::new(|| {
    regex::RegexSet::new(PATTERNS.iter().map(|(_, re)| re.as_str()))
        .expect("valid temporal regex set")
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Iso,
    MonthDay,
    DayMonth,
    Month,
    Numeric,
    Weekday,
    Relative,
    Period,
    Ago,
    Anaphor,
    Year,
}

/// A raw match before resolution.
struct Raw<'t> {
    kind: Kind,
    start: usize,
    end: usize,
    caps: regex::Captures<'t>,
}

fn future_tense(sentence: &str) -> bool {
    // The writer's tense, not a quoted speaker's: drop quoted passages.
    let mut l = String::with_capacity(sentence.len());
    let mut inside = false;
    for c in sentence.chars() {
        match c {
            '"' => inside = !inside,
            '“' => inside = true,
            '”' => inside = false,
            _ if !inside => l.extend(c.to_lowercase()),
            _ => {}
        }
    }
    // The futurate progressive of news ("is hosting a summit Thursday and
    // Friday", "are meeting on Monday"): a present progressive of the
    // writer with a date speaks of an arrangement ahead.
    let mut words = l.split_whitespace();
    let mut prev = words.next().unwrap_or("");
    let progressive = words.any(|w| {
        let aux = matches!(
            prev,
            "is" | "are"
                | "he's"
                | "she's"
                | "it's"
                | "they're"
                | "we're"
                | "he\u{2019}s"
                | "she\u{2019}s"
                | "it\u{2019}s"
                | "they\u{2019}re"
                | "we\u{2019}re"
        );
        prev = w;
        aux && w.len() > 4
            && w.ends_with("ing")
            && !matches!(
                w,
                "being" | "nothing" | "something" | "everything" | "anything"
            )
    });
    (progressive
        || [
            " will ",
            " is due to ",
            " are due to ",
            " plans to ",
            " scheduled ",
            " is set to ",
            " are set to ",
            " next ",
        ]
        .iter()
        .any(|w| l.contains(w)))
        && ![" was ", " were ", " had "].iter().any(|w| l.contains(w))
}

/// Statement dates: a reporting word in the three words before.
fn is_statement_date(sentence: &str, start: usize) -> bool {
    let before = &sentence[..start];
    let words: Vec<String> = before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(3)
        .map(str::to_lowercase)
        .collect();
    words.iter().any(|w| {
        matches!(
            w.as_str(),
            "said"
                | "says"
                | "told"
                | "statement"
                | "released"
                | "announced"
                | "added"
                | "tweeted"
                | "stated"
                | "reported"
                | "published"
        )
    })
}

fn weekday_of(n: u32) -> Weekday {
    match n {
        0 => Weekday::Mon,
        1 => Weekday::Tue,
        2 => Weekday::Wed,
        3 => Weekday::Thu,
        4 => Weekday::Fri,
        5 => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

/// The most recent `wd` on or before `r` (strictly before when `strict`).
fn weekday_before(r: NaiveDate, wd: Weekday, strict: bool) -> NaiveDate {
    let mut back = (r.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
    if back == 0 && strict {
        back = 7;
    }
    r - Duration::days(back as i64)
}

/// The next `wd` on or after `r` (strictly after when `strict`).
fn weekday_after(r: NaiveDate, wd: Weekday, strict: bool) -> NaiveDate {
    let mut fwd = (wd.num_days_from_monday() + 7 - r.weekday().num_days_from_monday()) % 7;
    if fwd == 0 && strict {
        fwd = 7;
    }
    r + Duration::days(fwd as i64)
}

fn week_of(d: NaiveDate) -> DateRange {
    let s = d - Duration::days(d.weekday().num_days_from_monday() as i64);
    DateRange::new(s, s + Duration::days(6), Granularity::Week)
}

/// A month-day without a year: the occurrence nearest before the
/// reference date, or after it when the sentence speaks of the future.
fn infer_year(m: u32, d: u32, r: NaiveDate, future: bool) -> Option<NaiveDate> {
    let this = NaiveDate::from_ymd_opt(r.year(), m, d)?;
    if future {
        if this + Duration::days(7) < r {
            return NaiveDate::from_ymd_opt(r.year() + 1, m, d);
        }
        return Some(this);
    }
    if this > r + Duration::days(2) {
        NaiveDate::from_ymd_opt(r.year() - 1, m, d)
    } else {
        Some(this)
    }
}

fn count_of(s: &str) -> Option<i64> {
    let l = s.to_lowercase();
    match l.as_str() {
        "a few" | "several" | "some" => return Some(3),
        "a couple of" => return Some(2),
        _ => {}
    }
    l.parse::<i64>()
        .ok()
        .or_else(|| number_word(&l).map(|v| v as i64))
}

fn add_months(d: NaiveDate, months: i32) -> Option<NaiveDate> {
    let total = d.year() * 12 + d.month0() as i32 + months;
    NaiveDate::from_ymd_opt(total.div_euclid(12), total.rem_euclid(12) as u32 + 1, 1)
}

/// Finds the temporal expressions of one sentence, resolved against
/// `reference` (publication date) and `anchor` (the previous dated
/// expression of the article). Returns them in text order.
pub fn expressions_in(
    at: SentenceRef,
    body_offset: usize,
    text: &str,
    reference: NaiveDate,
    anchor: &mut Option<(DateRange, String)>,
) -> Vec<TemporalExpression> {
    let mut raws: Vec<Raw> = Vec::new();
    // One pass of a set tells which patterns can match at all.
    let hits = PATTERN_SET.matches(text);
    for (pi, (kind, re)) in PATTERNS.iter().enumerate() {
        if !hits.matched(pi) {
            continue;
        }
        for c in re.captures_iter(text) {
            let Some(m) = c.get(0) else { continue };
            let (mut s, e) = (m.start(), m.end());
            // Weekday / month patterns may start with a space before an
            // optional group that did not match; trim.
            while s < e && text[s..].starts_with(' ') {
                s += 1;
            }
            raws.push(Raw {
                kind: *kind,
                start: s,
                end: e,
                caps: c,
            });
        }
    }
    // Longest first, then drop overlaps.
    raws.sort_by_key(|r| (std::cmp::Reverse(r.end - r.start), r.start));
    let mut kept: Vec<Raw> = Vec::new();
    for r in raws {
        if kept.iter().all(|k| r.end <= k.start || r.start >= k.end) {
            kept.push(r);
        }
    }
    kept.sort_by_key(|r| r.start);
    let future = future_tense(text);
    let mut out = Vec::new();
    for r in kept {
        let words = &text[r.start..r.end];
        let Some((date, how)) = resolve(&r, text, reference, anchor.as_ref(), future) else {
            continue;
        };
        let statement = is_statement_date(text, r.start);
        // Anchors for anaphora: event dates at day precision (a statement
        // date only when there is no other anchor yet).
        if matches!(date.granularity, Granularity::Day) && (!statement || anchor.is_none()) {
            *anchor = Some((date, words.to_string()));
        }
        out.push(TemporalExpression {
            at,
            span: Span::new(body_offset + r.start, body_offset + r.end),
            text: words.to_string(),
            date,
            how,
            statement,
        });
    }
    out
}

fn resolve(
    r: &Raw,
    text: &str,
    reference: NaiveDate,
    anchor: Option<&(DateRange, String)>,
    future: bool,
) -> Option<(DateRange, String)> {
    let c = &r.caps;
    let g = |n: &str| c.name(n).map(|m| m.as_str());
    let refs = reference.to_string();
    match r.kind {
        Kind::Iso => {
            let d = NaiveDate::from_ymd_opt(
                g("y")?.parse().ok()?,
                g("m")?.parse().ok()?,
                g("d")?.parse().ok()?,
            )?;
            Some((DateRange::day(d), "explicit date".into()))
        }
        Kind::MonthDay | Kind::DayMonth => {
            let m = month_number(g("mon")?)?;
            let d: u32 = g("d")?.parse().ok()?;
            match g("y") {
                Some(y) => {
                    let date = NaiveDate::from_ymd_opt(y.parse().ok()?, m, d)?;
                    Some((DateRange::day(date), "explicit date".into()))
                }
                None => {
                    let date = infer_year(m, d, reference, future)?;
                    Some((
                        DateRange::day(date),
                        format!("month and day; year from the reference date {refs}"),
                    ))
                }
            }
        }
        Kind::Month => {
            let mon = g("mon")?;
            // "May" the verb; short forms need a capital and a following
            // year or a part word to count alone.
            if mon == "May" && g("y").is_none() && g("part").is_none() {
                let after = text[r.end..].trim_start();
                if !after.is_empty() && after.chars().next().is_some_and(|c| c.is_lowercase()) {
                    return None;
                }
            }
            let m = month_number(mon)?;
            let (y, how) = match g("y") {
                Some(y) => (y.parse().ok()?, "month and year".to_string()),
                None => {
                    let y = if future {
                        if m < reference.month() {
                            reference.year() + 1
                        } else {
                            reference.year()
                        }
                    } else if m > reference.month() {
                        reference.year() - 1
                    } else {
                        reference.year()
                    };
                    (y, format!("month; year from the reference date {refs}"))
                }
            };
            let full = month_range(y, m)?;
            let part = g("part").map(str::to_lowercase);
            let (s, e) = match part.as_deref() {
                Some("early")
                | Some("the beginning of")
                | Some("the start of")
                | Some("start of") => (full.start, full.start + Duration::days(9)),
                Some("mid") | Some("the middle of") => (
                    full.start + Duration::days(10),
                    full.start + Duration::days(19),
                ),
                Some("late") | Some("the end of") | Some("end of") => {
                    (full.start + Duration::days(20), full.end)
                }
                _ => (full.start, full.end),
            };
            Some((DateRange::new(s, e, Granularity::Month), how))
        }
        Kind::Numeric => {
            let a: u32 = g("a")?.parse().ok()?;
            let b: u32 = g("b")?.parse().ok()?;
            // Not a fraction or a score: "3/4 of", "2/3".
            if a == 0 || b == 0 || a > 31 || b > 31 || (a, b) == (24, 7) {
                return None;
            }
            let year: Option<i32> = g("y").and_then(|y| {
                let v: i32 = y.parse().ok()?;
                Some(if v < 100 { 2000 + v } else { v })
            });
            let mut cands: Vec<(NaiveDate, &str)> = Vec::new();
            for (m, d, how) in [(a, b, "month/day"), (b, a, "day/month")] {
                if m > 12 {
                    continue;
                }
                let date = match year {
                    Some(y) => NaiveDate::from_ymd_opt(y, m, d),
                    None => infer_year(m, d, reference, future),
                };
                if let Some(date) = date {
                    cands.push((date, how));
                }
            }
            let best = cands
                .into_iter()
                .min_by_key(|(d, _)| (*d - reference).num_days().abs())?;
            Some((
                DateRange::day(best.0),
                format!(
                    "numeric date read as {} (nearest the reference date {refs})",
                    best.1
                ),
            ))
        }
        Kind::Weekday => {
            let wd = weekday_of(weekday_number(g("wd")?)?);
            let md = g("mod").map(str::to_lowercase);
            let (d, how) = match md.as_deref() {
                Some("last") | Some("past") => (
                    weekday_before(reference, wd, true),
                    "the last such weekday before",
                ),
                Some("next") | Some("coming") => (
                    weekday_after(reference, wd, true),
                    "the next such weekday after",
                ),
                Some("this") => {
                    let w = week_of(reference);
                    (
                        w.start + Duration::days(wd.num_days_from_monday() as i64),
                        "that weekday of the same week as",
                    )
                }
                Some("until") | Some("by") if future => (
                    weekday_after(reference, wd, false),
                    "the coming weekday from",
                ),
                _ if future => (
                    weekday_after(reference, wd, false),
                    "weekday in a future-tense sentence, on or after",
                ),
                _ => (
                    weekday_before(reference, wd, false),
                    "the most recent such weekday on or before",
                ),
            };
            Some((DateRange::day(d), format!("{how} {refs}")))
        }
        Kind::Relative => {
            let w = g("w")?.to_lowercase();
            let d = match w.as_str() {
                "yesterday" => reference - Duration::days(1),
                "tomorrow" => reference + Duration::days(1),
                _ => reference,
            };
            Some((DateRange::day(d), format!("\"{w}\" from {refs}")))
        }
        Kind::Period => {
            let md = g("mod")?.to_lowercase();
            let unit = g("unit")?.to_lowercase();
            let shift: i64 = match md.as_str() {
                "last" | "past" | "previous" => -1,
                "next" | "coming" => 1,
                _ => 0,
            };
            let range = match unit.as_str() {
                "week" => week_of(reference + Duration::days(7 * shift)),
                "weekend" => {
                    let sat = if shift < 0 {
                        weekday_before(reference - Duration::days(1), Weekday::Sat, false)
                    } else {
                        weekday_after(reference, Weekday::Sat, false)
                    };
                    DateRange::new(sat, sat + Duration::days(1), Granularity::Week)
                }
                "month" => {
                    let s = add_months(reference, shift as i32)?;
                    month_range(s.year(), s.month())?
                }
                _ => {
                    let y = reference.year() + shift as i32;
                    DateRange::new(
                        NaiveDate::from_ymd_opt(y, 1, 1)?,
                        NaiveDate::from_ymd_opt(y, 12, 31)?,
                        Granularity::Year,
                    )
                }
            };
            Some((range, format!("\"{md} {unit}\" from {refs}")))
        }
        Kind::Ago => {
            let n = count_of(g("n")?)?;
            let unit = g("unit")?.to_lowercase();
            let dir = g("dir")?.to_lowercase();
            let (base, base_how, sign) = match dir.as_str() {
                "ago" => (reference, format!("before the reference date {refs}"), -1),
                "earlier" | "before" => {
                    let (a, w) = anchor?;
                    (a.start, format!("before \"{w}\" ({})", a.start), -1)
                }
                _ => {
                    let (a, w) = anchor?;
                    (a.start, format!("after \"{w}\" ({})", a.start), 1)
                }
            };
            let range = match unit.as_str() {
                "day" => DateRange::day(base + Duration::days(sign * n)),
                "week" => DateRange::day(base + Duration::days(sign * 7 * n)),
                "month" => {
                    let s = add_months(base, (sign * n) as i32)?;
                    month_range(s.year(), s.month())?
                }
                "year" => {
                    let y = base.year() + (sign * n) as i32;
                    DateRange::new(
                        NaiveDate::from_ymd_opt(y, 1, 1)?,
                        NaiveDate::from_ymd_opt(y, 12, 31)?,
                        Granularity::Year,
                    )
                }
                _ => {
                    let y = base.year() + (sign * 10 * n) as i32;
                    DateRange::new(
                        NaiveDate::from_ymd_opt(y, 1, 1)?,
                        NaiveDate::from_ymd_opt(y, 12, 31)?,
                        Granularity::Year,
                    )
                }
            };
            Some((range, format!("{n} {unit}(s) {base_how}")))
        }
        Kind::Anaphor => {
            let (a, w) = anchor?;
            let base = a.start;
            let prev = format!("\"{w}\" ({})", base);
            if let Some(v) = g("vague") {
                let v = v.to_lowercase();
                let dir = g("dir")?.to_lowercase();
                if v == "hours" {
                    return Some((
                        DateRange::day(base),
                        format!("hours after {prev}: the same day"),
                    ));
                }
                let span = match v.as_str() {
                    "days" => 7,
                    "weeks" => 42,
                    _ => 180,
                };
                let gr = if v == "days" {
                    Granularity::Days
                } else {
                    Granularity::Month
                };
                return Some(if dir == "earlier" {
                    (
                        DateRange::new(base - Duration::days(span), base - Duration::days(1), gr),
                        format!("{v} before {prev}"),
                    )
                } else {
                    (
                        DateRange::new(base + Duration::days(1), base + Duration::days(span), gr),
                        format!("{v} after {prev}"),
                    )
                });
            }
            let back = matches!(
                g("w").map(str::to_lowercase).as_deref(),
                Some("previous") | Some("preceding")
            ) || g("ba") == Some("before");
            let unit = g("unit")
                .map(str::to_lowercase)
                .unwrap_or_else(|| "day".into());
            let days = match unit.as_str() {
                "week" => 7,
                "month" => 30,
                _ => 1,
            };
            let d = if back {
                base - Duration::days(days)
            } else {
                base + Duration::days(days)
            };
            let range = match unit.as_str() {
                "week" => week_of(d),
                "month" => month_range(d.year(), d.month())?,
                _ => DateRange::day(d),
            };
            Some((
                range,
                format!(
                    "the {unit} {} {prev}",
                    if back { "before" } else { "after" }
                ),
            ))
        }
        Kind::Year => {
            // Not a count or an amount: "2014 troops", "$2014", "2,014".
            let before = &text[..r.start];
            let after = text[r.end..].trim_start();
            if before.ends_with(['$', '£', '€', ',', '.']) || after.starts_with('%') {
                return None;
            }
            let next = after
                .split(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("");
            if matches!(
                next,
                "people"
                    | "troops"
                    | "soldiers"
                    | "votes"
                    | "members"
                    | "deaths"
                    | "cases"
                    | "dollars"
                    | "euros"
                    | "km"
                    | "miles"
                    | "metres"
                    | "meters"
                    | "feet"
            ) {
                return None;
            }
            let y: i32 = g("y")?.parse().ok()?;
            if y > reference.year() + 30 {
                return None;
            }
            let range = DateRange::new(
                NaiveDate::from_ymd_opt(y, 1, 1)?,
                NaiveDate::from_ymd_opt(y, 12, 31)?,
                Granularity::Year,
            );
            Some((range, "explicit year".into()))
        }
    }
}

/// The reference date of each article: its publication date (given or
/// inferred), else the story's most common date.
pub fn reference_dates(corpus: &Corpus) -> Vec<Option<NaiveDate>> {
    let story = crate::digest::story_date(corpus);
    corpus
        .docs
        .iter()
        .map(|d| d.article.published.as_ref().map(|p| p.date).or(story))
        .collect()
}

/// Every temporal expression of the story, article by article, in text order.
pub fn all_expressions(corpus: &Corpus) -> Vec<TemporalExpression> {
    let refs = reference_dates(corpus);
    let mut out = Vec::new();
    for (a, d) in corpus.docs.iter().enumerate() {
        let Some(reference) = refs[a] else { continue };
        let mut anchor = None;
        for (si, s) in d.sentences.iter().enumerate() {
            out.extend(expressions_in(
                SentenceRef {
                    article: a,
                    sentence: si,
                },
                s.span.start,
                &s.text,
                reference,
                &mut anchor,
            ));
        }
    }
    out
}

/// Link strength for sentences with equal dates to be one event.
const SAME_EVENT: f64 = 0.3;
/// Link strength when one date lies inside the other ("last week" / "Sunday").
const NESTED_EVENT: f64 = 0.15;
/// Link strength for an undated sentence to join a dated event.
const UNDATED_JOIN: f64 = 0.2;

/// Builds the timeline: events from dated sentences, merged across articles.
pub fn build_timeline(
    corpus: &Corpus,
    exprs: &[TemporalExpression],
    links: &Links,
) -> Vec<TimelineEvent> {
    // Candidates: one per (sentence, distinct date).
    let mut cands: Vec<(SentenceRef, DateRange, Vec<usize>)> = Vec::new();
    let mut index: FxHashMap<(SentenceRef, DateRange), usize> = FxHashMap::default();
    // A statement date ("said on Friday") makes no event of its own when the
    // sentence also dates its event.
    let has_event_date: rustc_hash::FxHashSet<SentenceRef> = exprs
        .iter()
        .filter(|e| !e.statement)
        .map(|e| e.at)
        .collect();
    for (i, e) in exprs.iter().enumerate() {
        if e.statement && has_event_date.contains(&e.at) {
            continue;
        }
        let k = (e.at, e.date);
        match index.get(&k) {
            Some(&c) => cands[c].2.push(i),
            None => {
                index.insert(k, cands.len());
                cands.push((e.at, e.date, vec![i]));
            }
        }
    }
    let n = cands.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    // Candidates by sentence, so that each is compared only with the
    // candidates of the sentences it is linked to (linear in the links).
    let mut by_sentence: FxHashMap<SentenceRef, Vec<usize>> = FxHashMap::default();
    for (i, c) in cands.iter().enumerate() {
        by_sentence.entry(c.0).or_default().push(i);
    }
    for i in 0..n {
        // Nested dates attach only to their best match.
        let mut best_nested: Option<(usize, f64)> = None;
        for (other, s) in links.related(cands[i].0) {
            let Some(js) = by_sentence.get(&other) else {
                continue;
            };
            for &j in js {
                let (a, b) = (&cands[i], &cands[j]);
                if a.1 == b.1 {
                    // Days repeat within a story ("on Friday" for several
                    // events); years and months need less to agree.
                    let enough = s >= SAME_EVENT
                        || (a.1.granularity > Granularity::Days
                            && s >= UNDATED_JOIN
                            && links.shared_entities(a.0, b.0) >= 1);
                    if j > i && enough {
                        let (x, y) = (find(&mut parent, i), find(&mut parent, j));
                        parent[x.max(y)] = x.min(y);
                    }
                } else if a.1.contains(&b.1)
                    && (s >= UNDATED_JOIN
                        || s >= NESTED_EVENT && links.shared_entities(a.0, b.0) >= 1)
                    && best_nested.is_none_or(|(_, bs)| s > bs)
                {
                    best_nested = Some((j, s));
                }
            }
        }
        if let Some((j, _)) = best_nested {
            let (x, y) = (find(&mut parent, i), find(&mut parent, j));
            parent[x.max(y)] = x.min(y);
        }
    }
    let mut groups: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for i in 0..n {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let dated: rustc_hash::FxHashSet<SentenceRef> = cands.iter().map(|c| c.0).collect();
    let mut events: Vec<TimelineEvent> = groups
        .into_values()
        .map(|members| {
            // The event's date: the finest range among members.
            let range = members
                .iter()
                .map(|&m| cands[m].1)
                .min_by_key(|r| (r.granularity, r.end - r.start, r.start))
                .unwrap_or(cands[members[0]].1);
            let mut sentences: Vec<SentenceRef> = members.iter().map(|&m| cands[m].0).collect();
            sentences.sort_unstable();
            sentences.dedup();
            let first = members
                .iter()
                .find(|&&m| cands[m].1 == range)
                .map(|&m| cands[m].0)
                .unwrap_or(sentences[0]);
            let mut expressions: Vec<TemporalExpression> = members
                .iter()
                .flat_map(|&m| cands[m].2.iter().map(|&e| exprs[e].clone()))
                .collect();
            expressions.sort_by_key(|e| (e.at, e.span.start));
            TimelineEvent {
                date: range.label(),
                range,
                text: corpus.sentence(first).text.clone(),
                sentences,
                articles: Vec::new(),
                expressions,
                matched: Vec::new(),
            }
        })
        .collect();
    // Undated sentences join the event of their best-matching dated sentence.
    let mut best_for: FxHashMap<SentenceRef, (usize, f64, SentenceRef)> = FxHashMap::default();
    for (ei, ev) in events.iter().enumerate() {
        for &s in &ev.sentences {
            for (r, sc) in links.related(s) {
                if dated.contains(&r) {
                    continue;
                }
                let dup = sc >= 1.0 && links.near_duplicate(r, s);
                if sc >= UNDATED_JOIN
                    && (dup || links.shared_entities(r, s) >= 2)
                    && best_for.get(&r).is_none_or(|b| sc > b.1)
                {
                    best_for.insert(r, (ei, sc, s));
                }
            }
        }
    }
    let mut joins: Vec<(SentenceRef, (usize, f64, SentenceRef))> = best_for.into_iter().collect();
    joins.sort_by_key(|j| j.0);
    for (r, (ei, sc, s)) in joins {
        let ev = &mut events[ei];
        if !ev.sentences.contains(&r) {
            ev.sentences.push(r);
            ev.matched.push(format!(
                "source {} sentence {} (undated) matches source {} sentence {} (similarity {:.2})",
                r.article + 1,
                r.sentence,
                s.article + 1,
                s.sentence,
                sc
            ));
        }
    }
    for ev in &mut events {
        ev.sentences.sort_unstable();
        ev.articles = ev.sentences.iter().map(|s| s.article).collect();
        ev.articles.dedup();
    }
    events.sort_by_key(|e| (e.range.start, e.range.end, e.sentences.first().copied()));
    events
}

#[cfg(test)]
mod tests;

//! Date lines ("10 Jan, 2020 17:36", "Published: January 10, 2020 5:36 pm
//! ET") and datelines ("NAIROBI - ", "LONDON (Reuters) -").
//!
//! Written by hand: `dateparser` and `chrono` parse one known format at a
//! time, while a scraped date line mixes labels, weekdays, ordinals, time
//! zones and separators in any order; the parser below reads the tokens and
//! accepts a line only when every token is part of a date.

use crate::text::calendar::{is_weekday_word, month_number};
use chrono::{NaiveDate, NaiveTime};
use regex::Regex;
use std::sync::LazyLock;

const FILLER: &[&str] = &[
    "published",
    "updated",
    "posted",
    "last",
    "first",
    "on",
    "at",
    "modified",
    "date",
    "time",
    "created",
    "am",
    "pm",
    "a.m.",
    "p.m.",
    "gmt",
    "utc",
    "bst",
    "cet",
    "cest",
    "est",
    "edt",
    "et",
    "pst",
    "pdt",
    "ct",
    "cdt",
    "mt",
    "ist",
    "msk",
    "ast",
    "z",
    "of",
    "the",
    "th",
    "st",
    "nd",
    "rd",
    "h",
    "hrs",
    "local",
];

static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})[:.h](\d{2})(?::\d{2})?\s*(a\.?m\.?|p\.?m\.?)?")
        .expect("valid regex")
});
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?").expect("valid regex")
});
static NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b").expect("valid regex"));

/// Parses a line that is nothing but a date (and optionally a time, labels
/// such as "Published:", weekday names and a time zone). Returns `None` for
/// any line that has other words: a sentence that mentions a date is not a
/// date line.
pub fn parse_date_line(line: &str) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let t = line.trim();
    if t.is_empty() || t.len() > 80 {
        return None;
    }
    // Every word must be a month, a number or a filler word.
    let mut day: Option<u32> = None;
    let mut month: Option<u32> = None;
    let mut year: Option<i32> = None;
    let mut time: Option<NaiveTime> = None;
    let mut rest = t.to_string();
    if let Some(c) = TIME.captures(t) {
        let mut h: u32 = c[1].parse().ok()?;
        let m: u32 = c[2].parse().ok()?;
        if let Some(ap) = c.get(3) {
            let pm = ap.as_str().to_lowercase().starts_with('p');
            if pm && h < 12 {
                h += 12;
            } else if !pm && h == 12 {
                h = 0;
            }
        }
        time = NaiveTime::from_hms_opt(h, m, 0);
        rest = rest.replace(&c[0], " ");
    }
    if let Some(c) = ISO.captures(t) {
        let date =
            NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)?;
        let tm = match (c.get(4), c.get(5)) {
            (Some(h), Some(m)) => {
                NaiveTime::from_hms_opt(h.as_str().parse().ok()?, m.as_str().parse().ok()?, 0)
            }
            _ => time,
        };
        let leftover = rest.replace(&c[0], " ");
        return only_filler(&leftover).then_some((date, tm));
    }
    if let Some(c) = NUMERIC.captures(&rest.clone()) {
        // Day-first (the world's usual order) unless the first number cannot be a day-month pair that way.
        let a: u32 = c[1].parse().ok()?;
        let b: u32 = c[2].parse().ok()?;
        let y: i32 = c[3].parse().ok()?;
        let date = NaiveDate::from_ymd_opt(y, b, a).or_else(|| NaiveDate::from_ymd_opt(y, a, b))?;
        let leftover = rest.replace(&c[0], " ");
        return only_filler(&leftover).then_some((date, time));
    }
    for raw in rest.split(|c: char| c.is_whitespace() || ",|/-–—:()".contains(c)) {
        let w = raw.trim_matches(|c: char| c == '.' || c == ',');
        if w.is_empty() {
            continue;
        }
        if let Some(m) = month_number(w) {
            if month.is_some() {
                return None;
            }
            month = Some(m);
            continue;
        }
        let digits = w.trim_end_matches(|c: char| c.is_alphabetic());
        if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
            let suffix = &w[digits.len()..].to_lowercase();
            if !suffix.is_empty() && !matches!(suffix.as_str(), "st" | "nd" | "rd" | "th") {
                return None;
            }
            let n: i64 = digits.parse().ok()?;
            if digits.len() == 4 && (1900..=2100).contains(&n) && year.is_none() {
                year = Some(n as i32);
            } else if (1..=31).contains(&n) && day.is_none() {
                day = Some(n as u32);
            } else {
                return None;
            }
            continue;
        }
        if !is_filler(w) {
            return None;
        }
    }
    let date = NaiveDate::from_ymd_opt(year?, month?, day?)?;
    Some((date, time))
}

fn only_filler(s: &str) -> bool {
    s.split(|c: char| c.is_whitespace() || ",|/-–—:()".contains(c))
        .map(|w| w.trim_matches('.'))
        .filter(|w| !w.is_empty())
        .all(is_filler)
}

/// A label, time-zone or weekday word a date line may carry around its date.
fn is_filler(w: &str) -> bool {
    let l = w.to_lowercase();
    FILLER.contains(&l.as_str()) || is_weekday_word(&l)
}

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    // An upper-case place (up to four words, optionally ", STATE" or a
    // mixed-case country after a comma), an optional agency in brackets,
    // then a dash or colon separator (or the double hyphen and the
    // underscore of wire archives' plain text: "WASHINGTON (AP) _ ").
    Regex::new(
        r"^(?P<place>[\p{Lu}][\p{Lu}'’.\-]+(?:\s+[\p{Lu}][\p{Lu}'’.\-]+){0,3}(?:,\s*[\p{L}][\p{L}.\s]{1,30}?)?)\s*(?:\((?:[\p{L}\s&]{2,30})\)\s*)?(?:--|-|–|—|:|_)\s+",
    )
    .expect("valid regex")
});

/// A dateline at the start of a paragraph: returns the place and the byte
/// length of the prefix to strip ("NAIROBI - " → ("NAIROBI", 10)).
pub fn find_dateline(paragraph: &str) -> Option<(String, usize)> {
    let c = DATELINE.captures(paragraph)?;
    let place = c.name("place")?.as_str().trim();
    // The first word must be all capitals of at least two letters: "US - " in
    // a sentence or "A: " is not a dateline.
    let first = place.split_whitespace().next()?;
    let letters: Vec<char> = first.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 3 || letters.iter().any(|c| c.is_lowercase()) {
        return None;
    }
    let len = c.get(0)?.end();
    // Something must follow.
    if paragraph[len..].trim().is_empty() {
        return None;
    }
    Some((place.to_string(), len))
}

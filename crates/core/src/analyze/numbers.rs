//! Numbers with what they count, merged across articles.
//!
//! Found: quantities with their noun ("5,200 troops", "5,200 US soldiers"),
//! counts in words ("nine others"), approximations ("almost 500", "some
//! 5,200"), votes ("170 votes to 0"), percentages, money ("$2 billion",
//! "billions of dollars") and years ("in 2014"). Numbers that are part of a
//! date ("October 1", "10/1") or a time span handled by the timeline ("three
//! months ago") are left out. Mentions of different articles are one
//! number when they have the same kind and value and, for small counts,
//! the same noun; two numbers of the same noun with different values in
//! closely matching sentences are a conflict (see `agreement`).

use super::lexicon::number_word;
use super::timeline::{Granularity, TemporalExpression};
use crate::model::{SentenceRef, Span};
use crate::text::{Corpus, stem};
use regex::Regex;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// What sort of number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NumberKind {
    /// A count of things ("5,200 troops").
    Quantity,
    /// A vote tally ("170 votes to 0").
    Vote,
    /// A percentage.
    Percent,
    /// An amount of money.
    Money,
    /// A calendar year.
    Year,
}

/// One occurrence of a number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct NumberMention {
    /// The sentence.
    pub at: SentenceRef,
    /// Byte range in the article body.
    pub span: Span,
    /// The words, qualifier included ("almost 500", "170 votes to 0").
    pub text: String,
    /// What it counts, as written ("troops", "US soldiers").
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub what: Option<String>,
    /// Approximation word ("almost", "some"), when any.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub qualifier: Option<String>,
}

/// A number with every article that gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct NumberFact {
    /// Id in the analysis.
    pub id: usize,
    /// Kind.
    pub kind: NumberKind,
    /// The value (for votes: the first tally).
    pub value: f64,
    /// The number as first written ("5,200").
    pub text: String,
    /// What it counts (first mention that says).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub what: Option<String>,
    /// Articles that give it (sorted).
    pub articles: Vec<usize>,
    /// Every mention, in story order.
    pub mentions: Vec<NumberMention>,
}

const QUALIFIERS: &str = r"almost|nearly|about|around|some|roughly|approximately|over|more than|at least|up to|fewer than|less than|under|close to|an estimated|as many as|just over|just under";
const SCALE: &str = r"million|billion|trillion|thousand|hundred|bn|m|k";
const WORDNUM: &str = r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a dozen|dozens|hundreds|thousands|millions|billions";

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)
        (?:(?-u:\b)(?P<q>(?i:{QUALIFIERS}))\s+)?
        (?:
            (?P<cur>US\$|\$|£|€)\s?(?P<mnum>\d[\d,]*(?:\.\d+)?)(?:\s?(?P<mscale>{SCALE})(?-u:\b))?
          | (?P<wmoney>(?-u:\b)(?:{WORDNUM})\s+of\s+(?P<wcur>dollars|euros|pounds)(?-u:\b))
          | (?-u:\b)(?P<va>\d[\d,]*)\s+votes?\s+to\s+(?P<vb>\d[\d,]*)(?-u:\b)
          | (?-u:\b)(?P<num>\d[\d,]*(?:\.\d+)?)(?:\s?(?P<scale>{SCALE})(?-u:\b))?(?P<pct>\s?%|\s(?:percent|per\s cent)(?-u:\b))?
          | (?-u:\b)(?P<word>(?i:{WORDNUM}))(?-u:\b)
        )"
    ))
    .expect("valid number regex")
});

static NEXT_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s-]*(?:of\s+)?([\p{L}][\p{L}'’-]*)(?:\s+([\p{L}][\p{L}'’-]*))?(?:\s+([\p{L}][\p{L}'’-]*))?").expect("valid regex")
});

const TIME_UNITS: &[&str] = &[
    "second",
    "seconds",
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "century",
    "centuries",
    "am",
    "pm",
];

const SKIP_NOUNS: &[&str] = &[
    "of", "and", "or", "to", "the", "a", "in", "on", "at", "for", "per", "by", "from", "with",
    "was", "were", "is", "are", "has", "have", "had", "who", "which", "that",
];

fn scale_of(s: Option<&str>) -> f64 {
    match s.map(str::to_lowercase).as_deref() {
        Some("million") | Some("m") => 1e6,
        Some("billion") | Some("bn") => 1e9,
        Some("trillion") => 1e12,
        Some("thousand") | Some("k") => 1e3,
        Some("hundred") => 1e2,
        _ => 1.0,
    }
}

fn parse_num(s: &str) -> Option<f64> {
    s.replace(',', "").parse().ok()
}

/// The counted noun after a number: up to three words, adjectives and
/// capitalized modifiers ("US", "foreign") kept, stopping at function words.
fn counted_noun(after: &str) -> Option<String> {
    let c = NEXT_WORDS.captures(after)?;
    let mut words: Vec<&str> = Vec::new();
    for i in 1..=3 {
        let Some(w) = c.get(i).map(|m| m.as_str()) else {
            break;
        };
        if SKIP_NOUNS.contains(&w.to_lowercase().as_str()) {
            break;
        }
        words.push(w);
        // Stop at the first plural-looking lower-case word: the head noun.
        if w.chars().next().is_some_and(|ch| ch.is_lowercase()) && (w.ends_with('s') || i >= 2) {
            break;
        }
    }
    // Drop trailing capitalized words (a name after the number is not what it counts).
    while words
        .last()
        .is_some_and(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
    {
        words.pop();
    }
    if words.is_empty() {
        None
    } else {
        Some(words.join(" "))
    }
}

fn head_stem(what: &str) -> String {
    what.split(' ')
        .next_back()
        .map(|w| stem(&w.to_lowercase()))
        .unwrap_or_default()
}

/// Finds the numbers of a story and merges them across articles.
pub fn find_numbers(corpus: &Corpus, exprs: &[TemporalExpression]) -> Vec<NumberFact> {
    let mut masks: FxHashMap<SentenceRef, Vec<(Span, bool)>> = FxHashMap::default();
    for e in exprs {
        masks.entry(e.at).or_default().push((
            e.span,
            e.date.granularity == Granularity::Year && e.how == "explicit year",
        ));
    }
    let mut found: Vec<(NumberKind, f64, NumberMention)> = Vec::new();
    for r in corpus.refs() {
        let s = corpus.sentence(r);
        let mask = masks.get(&r).map(Vec::as_slice).unwrap_or(&[]);
        for c in NUMBER.captures_iter(&s.text) {
            let Some(m) = c.get(0) else { continue };
            let (start, end) = (m.start(), m.end());
            let body = Span::new(s.span.start + start, s.span.start + end);
            let core_start = c
                .name("q")
                .map(|q| s.span.start + q.end())
                .unwrap_or(body.start);
            // Inside a date expression: a year is kept, the rest dropped.
            let in_expr = mask
                .iter()
                .find(|(sp, _)| core_start >= sp.start && core_start < sp.end);
            let q = c.name("q").map(|x| x.as_str().to_lowercase());
            let after = &s.text[end..];
            let text = s.text[start..end].trim().to_string();
            let (kind, value, what) = if let Some(va) = c.name("va") {
                let Some(v) = parse_num(va.as_str()) else {
                    continue;
                };
                (NumberKind::Vote, v, Some("votes".to_string()))
            } else if let Some(n) = c.name("mnum") {
                let Some(v) = parse_num(n.as_str()) else {
                    continue;
                };
                (
                    NumberKind::Money,
                    v * scale_of(c.name("mscale").map(|x| x.as_str())),
                    c.name("cur").map(|x| x.as_str().to_string()),
                )
            } else if let Some(wm) = c.name("wmoney") {
                let first = wm.as_str().split(' ').next().unwrap_or("");
                let v = number_word(first).unwrap_or(0.0);
                (
                    NumberKind::Money,
                    v,
                    c.name("wcur").map(|x| x.as_str().to_string()),
                )
            } else if let Some(n) = c.name("num") {
                let raw = n.as_str();
                let Some(v) = parse_num(raw) else { continue };
                if c.name("pct").is_some() {
                    (NumberKind::Percent, v, None)
                } else {
                    if let Some((_, is_year)) = in_expr {
                        if *is_year && c.name("scale").is_none() {
                            found.push((
                                NumberKind::Year,
                                v,
                                NumberMention {
                                    at: r,
                                    span: body,
                                    text,
                                    what: None,
                                    qualifier: q,
                                },
                            ));
                        }
                        continue;
                    }
                    // Part of a date, a time or a score: "10/1", "17:36", "3-1".
                    let before = &s.text[..n.start()];
                    if after.starts_with(['/', ':'])
                        || before.ends_with(['/', ':', '-'])
                        || after.starts_with("-")
                            && after[1..].starts_with(|ch: char| ch.is_ascii_digit())
                    {
                        continue;
                    }
                    let v = v * scale_of(c.name("scale").map(|x| x.as_str()));
                    let what = counted_noun(after);
                    if what
                        .as_deref()
                        .is_some_and(|w| TIME_UNITS.contains(&w.to_lowercase().as_str()))
                    {
                        continue;
                    }
                    (NumberKind::Quantity, v, what)
                }
            } else if let Some(w) = c.name("word") {
                let ws = w.as_str();
                // Capitalized inside a name ("Air Force One") or a time span.
                if ws.chars().next().is_some_and(|ch| ch.is_uppercase()) && start > 0 {
                    continue;
                }
                let v = number_word(ws.split(' ').next_back().unwrap_or(ws)).unwrap_or(0.0);
                let what = counted_noun(after);
                let Some(what) = what else { continue };
                let lw = what.to_lowercase();
                if TIME_UNITS.contains(&lw.as_str())
                    || TIME_UNITS.iter().any(|u| lw.starts_with(&format!("{u} ")))
                {
                    continue;
                }
                (NumberKind::Quantity, v, Some(what))
            } else {
                continue;
            };
            if in_expr.is_some() {
                continue;
            }
            found.push((
                kind,
                value,
                NumberMention {
                    at: r,
                    span: body,
                    text,
                    what,
                    qualifier: q,
                },
            ));
        }
    }
    merge(found)
}

fn merge(found: Vec<(NumberKind, f64, NumberMention)>) -> Vec<NumberFact> {
    let mut facts: Vec<NumberFact> = Vec::new();
    // Facts by kind and value: candidates without a scan of all facts.
    let mut by_value: FxHashMap<(NumberKind, u64), Vec<usize>> = FxHashMap::default();
    for (kind, value, m) in found {
        let stem_m = m.what.as_deref().map(head_stem);
        let cands = by_value.entry((kind, value.to_bits())).or_default();
        let same = cands.iter().copied().find(|&i| {
            let f = &facts[i];
            f.kind == kind
                && f.value == value
                && (kind != NumberKind::Quantity
                    || value >= 100.0
                    || f.mentions
                        .iter()
                        .any(|x| x.what.as_deref().map(head_stem) == stem_m))
        });
        match same {
            Some(i) => {
                let f = &mut facts[i];
                if f.what.is_none() {
                    f.what = m.what.clone();
                }
                if !f.articles.contains(&m.at.article) {
                    f.articles.push(m.at.article);
                    f.articles.sort_unstable();
                }
                f.mentions.push(m);
            }
            None => {
                cands.push(facts.len());
                facts.push(NumberFact {
                    id: facts.len(),
                    kind,
                    value,
                    text: m
                        .text
                        .strip_prefix(m.qualifier.as_deref().unwrap_or("\u{0}"))
                        .map(|t| t.trim().to_string())
                        .unwrap_or_else(|| m.text.clone()),
                    what: m.what.clone(),
                    articles: vec![m.at.article],
                    mentions: vec![m],
                })
            }
        }
    }
    facts
}

/// The head noun stem of what a number counts (for conflicts).
pub(crate) fn what_stem(f: &NumberFact) -> Option<String> {
    f.what.as_deref().map(head_stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nouns(s: &str) -> Option<String> {
        counted_noun(s)
    }

    #[test]
    fn counted_nouns() {
        assert_eq!(nouns(" US troops stationed").as_deref(), Some("US troops"));
        assert_eq!(nouns(" others, including").as_deref(), Some("others"));
        assert_eq!(nouns(" people.").as_deref(), Some("people"));
        assert_eq!(nouns(" members did not").as_deref(), Some("members"));
        assert_eq!(nouns(", the").as_deref(), None);
    }
}

#[cfg(test)]
mod rule_tests {
    use super::*;
    use crate::analyze::testutil::story;
    use crate::analyze::timeline::all_expressions;

    fn numbers(articles: &[&[&str]]) -> Vec<NumberFact> {
        let c = story("2021-03-10", articles);
        let ex = all_expressions(&c);
        find_numbers(&c, &ex)
    }

    fn find<'a>(ns: &'a [NumberFact], text: &str) -> &'a NumberFact {
        ns.iter()
            .find(|n| n.mentions.iter().any(|m| m.text == text))
            .unwrap_or_else(|| {
                panic!(
                    "{text:?} not in {:?}",
                    ns.iter().map(|n| &n.text).collect::<Vec<_>>()
                )
            })
    }

    #[test]
    fn quantities_merge_across_articles_with_their_nouns() {
        let ns = numbers(&[
            &["Rescuers pulled 1,200 survivors from the rubble."],
            &["Nearly 1,200 people were rescued, officials said."],
        ]);
        let n = find(&ns, "1,200");
        assert_eq!(n.articles, vec![0, 1]);
        assert_eq!(n.value, 1200.0);
        assert_eq!(n.what.as_deref(), Some("survivors"));
        let q = find(&ns, "Nearly 1,200");
        assert_eq!(
            q.mentions
                .iter()
                .filter_map(|m| m.qualifier.as_deref())
                .next(),
            Some("nearly")
        );
    }

    #[test]
    fn small_counts_merge_only_with_the_same_noun() {
        let ns = numbers(&[&["Three soldiers died."], &["Three villages were shelled."]]);
        assert_ne!(
            find(&ns, "Three").id,
            ns.iter().rev().find(|n| n.text == "Three").unwrap().id
        );
    }

    #[test]
    fn votes_percent_money_and_years() {
        let ns = numbers(&[&[
            "The motion passed by 312 votes to 198 in 2019.",
            "Turnout was 64.5% and the plan costs $2.5 billion.",
        ]]);
        assert_eq!(find(&ns, "312 votes to 198").kind, NumberKind::Vote);
        assert_eq!(find(&ns, "64.5%").kind, NumberKind::Percent);
        let m = find(&ns, "$2.5 billion");
        assert_eq!(m.kind, NumberKind::Money);
        assert_eq!(m.value, 2.5e9);
        assert_eq!(find(&ns, "2019").kind, NumberKind::Year);
    }

    #[test]
    fn counts_in_words_and_approximations() {
        let ns = numbers(&[&["The blast killed nine others and injured about 40 people."]]);
        assert_eq!(find(&ns, "nine").value, 9.0);
        assert_eq!(find(&ns, "about 40").what.as_deref(), Some("people"));
    }

    #[test]
    fn dates_times_and_names_are_not_numbers() {
        let ns = numbers(&[&[
            "On March 3 at 10:30 the jet, Air Force One, left; three days later it returned on 3/15.",
        ]]);
        assert!(ns.is_empty(), "{ns:?}");
    }
}

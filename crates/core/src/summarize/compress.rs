//! Light sentence compression that keeps every sentence traceable: a few
//! general rules name spans of a source sentence that carry little content
//! (a leading dateline, a trailing attribution, a parenthetical, a relative
//! clause or appositive set off by commas, a leading connective or
//! adverbial, a weekday). The compressed sentence is the source sentence
//! minus those byte ranges: words are only ever left out, never added,
//! changed or reordered.

use crate::model::Span;
use crate::text::calendar::WEEKDAYS;
use crate::text::is_double_quote_mark;
use std::sync::LazyLock;

/// Which rules run (a small bit set).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rules(u16);

impl Rules {
    /// No rule: nothing is dropped.
    pub const NONE: Rules = Rules(0);
    /// A leading dateline ("WASHINGTON (AP) — ", "LONDON, Jan. 3 (Reuters) - ").
    pub const DATELINE: Rules = Rules(1);
    /// An attribution at the end (", officials said.", ", according to
    /// police.") or between commas (", police said,").
    pub const ATTRIBUTION: Rules = Rules(1 << 1);
    /// A parenthetical "( ... )".
    pub const PARENTHETICAL: Rules = Rules(1 << 2);
    /// A relative clause set off by a comma (", who ...,", ", which ...").
    pub const RELATIVE: Rules = Rules(1 << 3);
    /// An appositive between commas that opens with an article (", the
    /// city's mayor,").
    pub const APPOSITIVE: Rules = Rules(1 << 4);
    /// A leading connective ("However, ", "Meanwhile, ", "But ").
    pub const CONNECTIVE: Rules = Rules(1 << 5);
    /// A short leading adverbial before a comma ("In a statement, ", "Last
    /// week, ", "According to police, ").
    pub const LEAD_PHRASE: Rules = Rules(1 << 6);
    /// A weekday ("on Friday", "said Tuesday", "On Monday, ").
    pub const WEEKDAY: Rules = Rules(1 << 7);
    /// Every rule.
    pub const ALL: Rules = Rules((1 << 8) - 1);
    /// The rules the default summarizer uses: those that did not lower
    /// ROUGE on their own (docs/summarize.md); the leading connective,
    /// leading phrase and appositive rules are off. The attribution rule is
    /// off too: "..., the Supreme Court said Wednesday" left out turns a
    /// claim into a statement of fact, and a digest must say who claims
    /// what (it stays for measurement: `eval summarize --compress`).
    pub const DEFAULT: Rules =
        Rules(Rules::DATELINE.0 | Rules::PARENTHETICAL.0 | Rules::RELATIVE.0 | Rules::WEEKDAY.0);

    /// The rules' names, as [`Rules::parse`] reads them.
    pub const NAMES: [(&'static str, Rules); 8] = [
        ("dateline", Rules::DATELINE),
        ("attribution", Rules::ATTRIBUTION),
        ("parenthetical", Rules::PARENTHETICAL),
        ("relative", Rules::RELATIVE),
        ("appositive", Rules::APPOSITIVE),
        ("connective", Rules::CONNECTIVE),
        ("lead_phrase", Rules::LEAD_PHRASE),
        ("weekday", Rules::WEEKDAY),
    ];

    /// True when every rule of `other` is in.
    pub fn has(self, other: Rules) -> bool {
        self.0 & other.0 == other.0 && other.0 != 0
    }

    /// Both sets.
    pub fn union(self, other: Rules) -> Rules {
        Rules(self.0 | other.0)
    }

    /// True when no rule is in.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Reads a comma-separated list of rule names ("all", "none",
    /// "default" too).
    pub fn parse(s: &str) -> Result<Rules, String> {
        let mut out = Rules::NONE;
        for name in s.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            out = out.union(match name {
                "all" => Rules::ALL,
                "none" => Rules::NONE,
                "default" => Rules::DEFAULT,
                _ => Rules::NAMES
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|&(_, r)| r)
                    .ok_or_else(|| format!("unknown compression rule {name:?}"))?,
            });
        }
        Ok(out)
    }
}

/// A compressed sentence keeps at least this many words; a compression
/// that would leave fewer drops nothing.
pub const MIN_KEPT_WORDS: usize = 6;

/// Longest span (in words) that a comma-delimited rule drops.
const MAX_CLAUSE_WORDS: usize = 20;

/// Words that report speech or a source (an attribution's verb).
const REPORTING: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "reported",
    "reports",
    "added",
    "adds",
    "announced",
    "stated",
    "confirmed",
    "noted",
    "wrote",
    "explained",
    "insisted",
    "claimed",
    "argued",
    "acknowledged",
    "testified",
];

/// Words that may follow an attribution's verb in a trailing attribution
/// (", police said on Friday.", ", the company said in a statement."),
/// besides the weekdays ([`crate::text::calendar::WEEKDAYS`]).
const AFTER_REPORTING: &[&str] = &[
    "on",
    "in",
    "a",
    "an",
    "the",
    "statement",
    "interview",
    "today",
    "yesterday",
    "tonight",
    "last",
    "this",
    "week",
    "night",
    "morning",
    "afternoon",
    "evening",
    "earlier",
    "later",
];

/// Sentence-opening connectives written with a comma ("However, ").
const CONNECTIVES: &[&str] = &[
    "however",
    "meanwhile",
    "moreover",
    "furthermore",
    "nevertheless",
    "nonetheless",
    "still",
    "also",
    "instead",
    "besides",
    "indeed",
    "additionally",
    "separately",
    "similarly",
    "likewise",
    "now",
    "yet",
];

/// Sentence-opening conjunctions dropped without a comma ("But the ...").
const CONJUNCTIONS: &[&str] = &["but", "and"];

/// First words of a leading adverbial ("In a statement,", "Last week,").
const LEAD_WORDS: &[&str] = &[
    "on",
    "in",
    "at",
    "last",
    "earlier",
    "later",
    "this",
    "early",
    "late",
    "during",
    "according",
    "yesterday",
    "today",
];

/// Words that end a comma-delimited clause's search or make it unsafe to
/// drop (a coordinated list, a new clause).
const COORDINATORS: &[&str] = &["and", "or", "but", "nor"];

/// Words after a clause's closing comma that show the comma did not close
/// it ("..., who has represented spies, including ...").
const CONTINUATIONS: &[&str] = &[
    "including",
    "such",
    "especially",
    "particularly",
    "notably",
    "like",
    "as",
    "mostly",
    "mainly",
];

/// Verbs that mark a clause rather than a noun phrase (appositive test).
const CLAUSE_VERBS: &[&str] = &[
    "is", "was", "are", "were", "be", "been", "being", "has", "have", "had", "will", "would",
    "can", "could", "may", "might", "must", "should", "did", "does", "do", "said", "says", "and",
    "or", "but", "not",
];

static DATELINE: LazyLock<regex::Regex> = LazyLock::new(|| {
    // An upper-case place (one or more words), optionally a comma and a
    // short date or region, then a dash, or an agency in parentheses and a
    // dash or hyphen ("LONDON, Jan. 3 (Reuters) - "); or a place in any
    // case before a news agency's name in parentheses ("washington ( ap )
    // —", as lower-cased corpora write it); or the agency alone.
    regex::Regex::new(concat!(
        r"^(?:",
        r"\p{Lu}[\p{Lu}.'’\-]+(?:[ \t]+\p{Lu}[\p{Lu}.'’\-]*)*(?:,[ \t]*[\p{L}\d. ]{1,30}?)?[ \t]*",
        r"(?:\([^()\n]{1,30}\)[ \t]*(?:—|–|--|-|_)|—|–|--|_)",
        r"|(?:\p{L}[\p{L}.'’\-]*(?:[ \t]+\p{L}[\p{L}.'’\-]*){0,3}(?:,[ \t]*[\p{L}\d. ]{1,30}?)?[ \t]*)?",
        r"\([ \t]*(?i:ap|reuters|afp|upi|bloomberg|cnn|dpa|xinhua)[ \t]*\)[ \t]*(?:—|–|--|-|_)",
        r")[ \t]+",
    ))
    .expect("valid dateline regex")
});

/// Longest bare word kept for matching (every listed word is shorter).
const BARE_MAX: usize = 16;

/// A whitespace-separated token: its byte range and its bare form (the
/// token trimmed of punctuation at its ends), lower-cased in a small
/// buffer when it is ASCII and at most [`BARE_MAX`] bytes (other words
/// match no list).
#[derive(Debug)]
struct Token {
    start: usize,
    end: usize,
    /// Bytes of the bare form (0 for a token without letters or digits).
    bare_len: usize,
    lower: [u8; BARE_MAX],
    lower_len: u8,
}

impl Token {
    /// The bare form, lower-cased ("" when not ASCII or too long).
    fn bare(&self) -> &str {
        std::str::from_utf8(&self.lower[..self.lower_len as usize]).unwrap_or_default()
    }
}

fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                let raw = &text[s..i];
                let bare = raw.trim_matches(|c: char| !c.is_alphanumeric());
                let mut lower = [0u8; BARE_MAX];
                let mut lower_len = 0;
                if bare.is_ascii() && bare.len() <= BARE_MAX {
                    for (d, b) in lower.iter_mut().zip(bare.bytes()) {
                        *d = b.to_ascii_lowercase();
                    }
                    lower_len = bare.len() as u8;
                }
                out.push(Token {
                    start: s,
                    end: i,
                    bare_len: bare.len(),
                    lower,
                    lower_len,
                });
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    out
}

fn has_quote(s: &str) -> bool {
    s.chars().any(is_double_quote_mark)
}

fn is_word(t: &Token) -> bool {
    t.bare_len > 0
}

/// Does the token end with a comma (a clause boundary "X, Y")?
fn ends_with_comma(text: &str, t: &Token) -> bool {
    text[t.start..t.end].ends_with(',')
}

/// The byte where the sentence's final punctuation starts (or its end).
fn body_end(text: &str) -> usize {
    let trimmed = text.trim_end();
    let stripped = trimmed.trim_end_matches(['.', '!', '?']);
    // Spaced punctuation ("said ." in some corpora).
    stripped.trim_end().len()
}

/// The spans of `text` that the rules drop: sorted, disjoint, on character
/// boundaries. Empty when nothing is dropped or when the rest would be
/// shorter than [`MIN_KEPT_WORDS`] words.
pub fn compress(text: &str, rules: Rules) -> Vec<Span> {
    if rules.is_empty() || text.is_empty() {
        return Vec::new();
    }
    let toks = tokens(text);
    if toks.iter().filter(|t| is_word(t)).count() <= MIN_KEPT_WORDS {
        return Vec::new();
    }
    let end = body_end(text);
    let mut spans: Vec<Span> = Vec::new();
    if rules.has(Rules::DATELINE)
        && may_have_dateline(text)
        && let Some(m) = DATELINE.find(text)
        && m.end() < text.len()
    {
        spans.push(Span::new(0, m.end()));
    }
    if rules.has(Rules::CONNECTIVE) {
        connective(text, &toks, &mut spans);
    }
    if rules.has(Rules::LEAD_PHRASE) {
        lead_phrase(text, &toks, &mut spans);
    }
    if rules.has(Rules::WEEKDAY) {
        weekday(text, &toks, &mut spans);
    }
    if rules.has(Rules::PARENTHETICAL) {
        parentheticals(text, &mut spans);
    }
    if rules.has(Rules::ATTRIBUTION) {
        attribution(text, &toks, end, &mut spans);
    }
    if rules.has(Rules::RELATIVE) || rules.has(Rules::APPOSITIVE) {
        comma_clauses(text, &toks, end, rules, &mut spans);
    }
    let spans = merge(text, spans);
    if spans.is_empty() {
        return spans;
    }
    let kept = crate::text::count_words(&apply(text, &spans));
    if kept < MIN_KEPT_WORDS {
        return Vec::new();
    }
    spans
}

/// A cheap test before the dateline regex: a dash or underscore followed
/// by a space near the start.
fn may_have_dateline(text: &str) -> bool {
    let mut end = text.len().min(120);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    ["— ", "– ", "- ", "_ "].iter().any(|d| head.contains(d))
}

/// Sorts spans, drops any that are empty, out of range or off a character
/// boundary, and joins overlapping or touching ones.
fn merge(text: &str, mut spans: Vec<Span>) -> Vec<Span> {
    spans.retain(|s| {
        s.start < s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    });
    spans.sort_by_key(|s| (s.start, s.end));
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

/// The text without the spans (sorted and disjoint, as [`compress`] gives
/// them; any span out of range or off a character boundary is ignored).
pub fn apply(text: &str, spans: &[Span]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for s in spans {
        if s.start < at || s.end > text.len() || s.start >= s.end {
            continue;
        }
        if let (Some(keep), true) = (text.get(at..s.start), text.is_char_boundary(s.end)) {
            out.push_str(keep);
            at = s.end;
        }
    }
    out.push_str(text.get(at..).unwrap_or_default());
    out
}

/// "However, the ..." / "But the ...": up to the next word.
fn connective(text: &str, toks: &[Token], spans: &mut Vec<Span>) {
    let (Some(first), Some(second)) = (toks.first(), toks.get(1)) else {
        return;
    };
    let raw = &text[first.start..first.end];
    let comma = raw.ends_with(',');
    if comma && CONNECTIVES.contains(&first.bare())
        || !comma && CONJUNCTIONS.contains(&first.bare()) && raw.len() == first.bare_len
    {
        spans.push(Span::new(0, second.start));
        return;
    }
    // Two-word connectives: "In addition, ", "In fact, ", "As well, ".
    if let Some(third) = toks.get(2) {
        let pair = (first.bare(), second.bare());
        if ends_with_comma(text, second)
            && matches!(
                pair,
                ("in", "addition") | ("in", "fact") | ("of", "course") | ("as", "well")
            )
        {
            spans.push(Span::new(0, third.start));
        }
    }
}

/// "In a statement, ", "Last week, ", "According to police, ": a leading
/// phrase of at most four words before the first comma.
fn lead_phrase(text: &str, toks: &[Token], spans: &mut Vec<Span>) {
    let Some(first) = toks.first() else { return };
    if !LEAD_WORDS.contains(&first.bare()) {
        return;
    }
    let Some(close) = toks.iter().take(4).position(|t| ends_with_comma(text, t)) else {
        return;
    };
    if first.bare() == "according" && toks.get(1).is_none_or(|t| t.bare() != "to") {
        return;
    }
    let Some(next) = toks.get(close + 1) else {
        return;
    };
    if has_quote(&text[..next.start]) {
        return;
    }
    spans.push(Span::new(0, next.start));
}

/// " on Friday", "said Tuesday", "On Monday, ".
fn weekday(text: &str, toks: &[Token], spans: &mut Vec<Span>) {
    for (i, t) in toks.iter().enumerate() {
        if !WEEKDAYS.contains(&t.bare()) {
            continue;
        }
        // The weekday's letters, without trailing punctuation.
        let raw = &text[t.start..t.end];
        let lead = raw.len() - raw.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
        if lead > 0 {
            continue;
        }
        let letters = raw.trim_end_matches(|c: char| !c.is_alphanumeric());
        if letters.len() < t.bare_len || raw.contains(['\'', '’']) {
            // "Monday's": a possessive is part of a noun phrase.
            continue;
        }
        let mut letters_end = t.start + letters.len();
        // "on Sunday night": the part of the day goes with it; "Sunday
        // night's episode" is a noun phrase: left whole.
        if letters.len() == raw.len()
            && let Some(next) = toks.get(i + 1)
        {
            let next_raw = &text[next.start..next.end];
            let head = next_raw.split(['\'', '’']).next().unwrap_or_default();
            let part = ["night", "morning", "afternoon", "evening"]
                .iter()
                .any(|p| {
                    head.trim_end_matches(|c: char| !c.is_alphanumeric())
                        .eq_ignore_ascii_case(p)
                });
            if part {
                if next_raw.contains(['\'', '’']) {
                    continue;
                }
                letters_end = next.start
                    + next_raw
                        .trim_end_matches(|c: char| !c.is_alphanumeric())
                        .len();
            }
        }
        let Some(prev) = i.checked_sub(1).and_then(|p| toks.get(p)) else {
            continue;
        };
        let prev_raw = &text[prev.start..prev.end];
        if prev.bare() == "on" && prev_raw.len() == 2 {
            if i == 1 {
                // "On Monday, the ...": up to the next word.
                if raw.ends_with(',')
                    && let Some(next) = toks.get(i + 1)
                {
                    spans.push(Span::new(0, next.start));
                }
                continue;
            }
            // " on Monday": from the space before "on".
            let Some(before) = toks.get(i - 2) else {
                continue;
            };
            spans.push(Span::new(before.end, letters_end));
        } else if REPORTING.contains(&prev.bare()) && prev_raw.len() == prev.bare_len {
            // "said Monday".
            spans.push(Span::new(prev.end, letters_end));
        }
    }
}

/// Every "( ... )" without nested parentheses and of at most
/// [`MAX_CLAUSE_WORDS`] words, with the space before it.
fn parentheticals(text: &str, spans: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(off) = text[i..].find('(') {
        let open = i + off;
        let Some(len) = text[open + 1..].find([')', '(']) else {
            break;
        };
        let close = open + 1 + len;
        if bytes[close] == b'(' {
            i = close;
            continue;
        }
        let inside = &text[open + 1..close];
        let n = crate::text::count_words(inside);
        if n <= MAX_CLAUSE_WORDS {
            let before = text[..open].trim_end().len();
            let span = if before == 0 {
                // At the start: the parenthetical and the space after it.
                let after = close + 1;
                let rest = &text[after..];
                Span::new(0, after + (rest.len() - rest.trim_start().len()))
            } else {
                Span::new(before, close + 1)
            };
            spans.push(span);
        }
        i = close + 1;
    }
}

/// Is `t` a reporting verb written plainly (no punctuation but a comma or
/// the sentence's end)?
fn is_reporting(t: &Token) -> bool {
    REPORTING.contains(&t.bare())
}

/// Do the tokens read as an attribution: "police said", "the company said
/// in a statement", "according to police", "said John Smith" (only at the
/// end: between commas, "said John Smith," is often followed by the
/// speaker's title, which would be left dangling)?
fn is_attribution(toks: &[Token], at_end: bool) -> bool {
    let Some(first) = toks.first() else {
        return false;
    };
    if toks.iter().any(|t| COORDINATORS.contains(&t.bare()))
        || toks
            .iter()
            .any(|t| matches!(t.bare(), "which" | "who" | "that" | "because" | "if"))
    {
        return false;
    }
    if first.bare() == "according" {
        return toks.get(1).is_some_and(|t| t.bare() == "to") && toks.len() <= 8;
    }
    if is_reporting(first) {
        // "said John Smith": a name of a few words.
        return at_end && toks.len() <= 5;
    }
    // "police said", "the foreign ministry said on Friday".
    let Some(v) = toks.iter().position(is_reporting) else {
        return false;
    };
    (1..=5).contains(&v)
        && toks[v + 1..]
            .iter()
            .all(|t| AFTER_REPORTING.contains(&t.bare()) || WEEKDAYS.contains(&t.bare()))
}

/// ", officials said." at the end; ", police said," inside.
fn attribution(text: &str, toks: &[Token], end: usize, spans: &mut Vec<Span>) {
    if has_quote(text) {
        // A quotation's attribution, before or after the quote: who said
        // it stays.
        return;
    }
    for (i, t) in toks.iter().enumerate() {
        if !ends_with_comma(text, t) || t.end > end {
            continue;
        }
        let comma = t.end - 1;
        // The clause after the comma: to the next comma or the end.
        let rest = &toks[i + 1..];
        let stop = rest
            .iter()
            .position(|u| ends_with_comma(text, u) || u.end >= end);
        let Some(stop) = stop else { continue };
        let last = &rest[stop];
        let clause = &rest[..=stop];
        if clause.len() > 8 || has_quote(&text[comma..last.end]) {
            continue;
        }
        if last.end >= end {
            // Trailing: keep the final punctuation.
            if is_attribution(clause, true) {
                spans.push(Span::new(comma, end));
            }
            return;
        }
        // Between commas: both commas go ("The suspect, police said, fled").
        if is_attribution(clause, false) && rest.get(stop + 1).is_some() {
            spans.push(Span::new(comma, last.end));
        }
    }
}

/// ", who ...," / ", which ..." (relative clauses) and ", the ...,"
/// (appositives opening with an article).
fn comma_clauses(text: &str, toks: &[Token], end: usize, rules: Rules, spans: &mut Vec<Span>) {
    for (i, t) in toks.iter().enumerate() {
        if !ends_with_comma(text, t) || t.end > end || i + 1 >= toks.len() {
            continue;
        }
        let comma = t.end - 1;
        let rest = &toks[i + 1..];
        let head = rest[0].bare();
        let relative = matches!(head, "who" | "whom" | "whose" | "which");
        let appositive = matches!(head, "a" | "an" | "the");
        if !(relative && rules.has(Rules::RELATIVE) || appositive && rules.has(Rules::APPOSITIVE)) {
            continue;
        }
        if COORDINATORS.contains(&t.bare()) {
            continue;
        }
        let Some(stop) = rest
            .iter()
            .take(MAX_CLAUSE_WORDS)
            .position(|u| ends_with_comma(text, u) || u.end >= end)
        else {
            continue;
        };
        let last = &rest[stop];
        let clause = &rest[..=stop];
        if has_quote(&text[comma..last.end]) || text[comma..last.end].contains(['(', ')']) {
            continue;
        }
        let trailing = last.end >= end;
        let next = rest.get(stop + 1);
        if let Some(n) = next
            && !trailing
            && (COORDINATORS.contains(&n.bare())
                || CONTINUATIONS.contains(&n.bare())
                || matches!(n.bare(), "a" | "an" | "the")
                || n.bare().starts_with(|c: char| c.is_ascii_digit()))
        {
            continue;
        }
        // "chips, phones and laptops,": the comma closed a list's item.
        if !trailing {
            let after = &rest[stop + 1..];
            let seg = after
                .iter()
                .position(|u| ends_with_comma(text, u) || u.end >= end)
                .map_or(after.len(), |p| p + 1);
            if seg <= 4
                && after[..seg]
                    .iter()
                    .any(|u| COORDINATORS.contains(&u.bare()))
            {
                continue;
            }
        }
        if appositive {
            // A short noun phrase closed by a comma, with no verb.
            if trailing
                || clause.len() > 10
                || clause.iter().any(|u| CLAUSE_VERBS.contains(&u.bare()))
            {
                continue;
            }
            spans.push(Span::new(comma, last.end));
        } else if trailing {
            spans.push(Span::new(comma, end));
        } else {
            spans.push(Span::new(comma, last.end));
        }
    }
}

#[cfg(test)]
mod tests;

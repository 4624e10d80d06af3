//! Direct quotes and who said them.
//!
//! Quotes are found per paragraph (so that one may run over several
//! sentences) from a table of opening marks and the marks that may close
//! them (`MARK_PAIRS`): straight and curly double marks (mixed too:
//! `“…"`), LDC newswire's ``` ``…'' ```, guillemets `«…»`, `»…«`, `‹…›`,
//! low-high `„…“` and `‚…‘`, and single marks `'…'`, `‘…’`, `` `…' ``.
//! A single mark is told from an apostrophe: it opens at a word start
//! before a letter and not before an elided word (`'n'`, `'em`, `'90s`),
//! and closes after a word, not before one; a plural possessive
//! (`workers' pay`) closes only when nothing better does. A quote left
//! open at the end of a paragraph (a double mark, or a single one that
//! opens the paragraph) runs to its end. Each quote is attributed, in this
//! order:
//! 1. right after the closing mark: `," X said` / `," said X` / `," he added`
//!    (`said the Taoiseach, Leo Varadkar`: the person after the role), or
//!    in a short next sentence when the mark ends its sentence
//!    (`…!'' Clinton said.`);
//! 2. before the opening mark: the subject of the last reporting verb
//!    (`X said that "…"`, `X told Y to "…"`, `X, a member of Z, told …`,
//!    `X, the prime minister of Y, said`, `Sen. X, R-Ariz., said`, "according
//!    to X" or "according to the central bank",
//!    `X, who threatened … with "…"`), a participle (`…, saying "…"`) taking
//!    the nearest person before it;
//! 3. a speaker named by role ("the prime minister", "the Hungarian leader")
//!    resolved to the one person of the story with that title;
//! 4. "he" / "she" / "they": the previous speaker of the article (the last
//!    person quoted or reported as saying something), across sentences;
//! 5. a quote that forms a whole paragraph with no attribution continues
//!    the previous quote's speaker.
//!
//! A non-person source after the quote ("the statement said") is kept only
//! when no person is found before it. Quotes of different articles are the
//! same when their stems overlap strongly; a weaker overlap makes them
//! related (e.g. two translations of one statement).

use super::entities::{Entity, EntityKind, Mention, MentionIndex, Tok, is_name_gap, tail, tokens};
use super::lexicon::{is_role_noun, is_speech_verb};
use crate::model::{SentenceRef, Span};
use crate::text::{Corpus, content_stems, is_double_quote_mark};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

/// One place a quote occurs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct QuoteOccurrence {
    /// The sentences the quoted words are in.
    pub at: Vec<SentenceRef>,
    /// The quoted words as this article gives them.
    pub text: String,
    /// Who said it, as resolved (entity canonical name or the words used).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub speaker: Option<String>,
    /// The speaker's entity id, when the speaker is a known entity.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub speaker_entity: Option<usize>,
    /// How the speaker was found.
    pub how: String,
    /// The pronoun the speaker was found from ("she" in `," she added`):
    /// the speaker is inferred as the article's previous speaker, or the last
    /// person named when nobody has spoken yet (`how` says which).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub pronoun: Option<Mention>,
    /// A fragment inside a sentence of the writer's own words.
    pub partial: bool,
}

/// A quote with every article that carries it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Quote {
    /// Id in the analysis.
    pub id: usize,
    /// The quoted words (first occurrence).
    pub text: String,
    /// Who said it.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub speaker: Option<String>,
    /// The speaker's entity id.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub speaker_entity: Option<usize>,
    /// How the speaker was found (of the occurrence that named one).
    pub how: String,
    /// Articles that carry it (sorted).
    pub articles: Vec<usize>,
    /// Every occurrence, in story order.
    pub occurrences: Vec<QuoteOccurrence>,
    /// Ids of related quotes: the same statement worded differently.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub related: Vec<usize>,
}

/// A quote's position in a paragraph: byte ranges of the inner text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct RawQuote {
    /// Start of the inner text (after the opening mark).
    pub start: usize,
    /// End of the inner text (before the closing mark, or paragraph end).
    pub end: usize,
    /// Byte just past the closing mark (== end when unclosed).
    pub after: usize,
    /// Byte of the opening mark.
    pub open: usize,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// How a quotation mark behaves.
#[derive(Debug, Clone, Copy, PartialEq)]
enum MarkKind {
    /// A double mark of its own shape (`“`, `„`, `«`, `` `` ``): opens
    /// anywhere; a quote it opens may run to the paragraph end.
    Double,
    /// The straight double mark: opens before a non-space; may run to the
    /// paragraph end.
    Straight,
    /// A mark that also closes the pair it mirrors (`»…«`, `›…‹`): a quote
    /// it opens must close in the paragraph.
    Reversed,
    /// A single mark that may be an apostrophe (`'`, `‘`, `‚`, `` ` ``):
    /// opens at a word start before a letter (not an elision such as
    /// `'n'` or `'90s`), closes after a word and not before one.
    Single,
}

/// A kind of quotation: the opening mark and the marks that may close it
/// (corpora mix conventions: `“…"`, `` ``…" ``, `„…”`).
struct MarkPair {
    open: &'static str,
    closes: &'static [&'static str],
    kind: MarkKind,
}

/// The opening marks, longest first (`` `` `` before `` ` ``).
const MARK_PAIRS: &[MarkPair] = &[
    // LDC newswire / TeX: ``like this''.
    MarkPair {
        open: "``",
        closes: &["''", "\"", "”", "’’"],
        kind: MarkKind::Double,
    },
    MarkPair {
        open: "“",
        closes: &["”", "\"", "''"],
        kind: MarkKind::Double,
    },
    MarkPair {
        open: "\"",
        closes: &["\"", "”", "''"],
        kind: MarkKind::Straight,
    },
    // German, Polish and others: „like this“ / „like this”.
    MarkPair {
        open: "„",
        closes: &["“", "”", "\""],
        kind: MarkKind::Double,
    },
    MarkPair {
        open: "«",
        closes: &["»"],
        kind: MarkKind::Double,
    },
    MarkPair {
        open: "‹",
        closes: &["›"],
        kind: MarkKind::Double,
    },
    MarkPair {
        open: "「",
        closes: &["」"],
        kind: MarkKind::Double,
    },
    MarkPair {
        open: "『",
        closes: &["』"],
        kind: MarkKind::Double,
    },
    // German and Danish: »like this«.
    MarkPair {
        open: "»",
        closes: &["«"],
        kind: MarkKind::Reversed,
    },
    MarkPair {
        open: "›",
        closes: &["‹"],
        kind: MarkKind::Reversed,
    },
    MarkPair {
        open: "‘",
        closes: &["’", "'"],
        kind: MarkKind::Single,
    },
    MarkPair {
        open: "‚",
        closes: &["‘", "’"],
        kind: MarkKind::Single,
    },
    MarkPair {
        open: "'",
        closes: &["'", "’"],
        kind: MarkKind::Single,
    },
    // LDC single quotes inside double ones: `like this'.
    MarkPair {
        open: "`",
        closes: &["'", "’"],
        kind: MarkKind::Single,
    },
];

/// Words an apostrophe shortens at their start ("rock 'n' roll", "'em",
/// "'til"): the apostrophe before them opens no quote.
const ELISIONS: &[&str] = &[
    "n", "em", "til", "tis", "twas", "cause", "bout", "round", "s", "cos", "ere", "neath", "nuff",
    "kay", "sup", "ello",
];

/// Characters after which a single mark may open a quote.
fn opens_after(p: char) -> bool {
    p.is_whitespace() || "([{—–-\"“„«‹`/".contains(p)
}

/// The quotation that opens at `pos` of `text`, if any (`prev`: the char
/// before it).
fn opener_at(text: &str, pos: usize, prev: Option<char>) -> Option<&'static MarkPair> {
    let rest = &text[pos..];
    let pair = MARK_PAIRS.iter().find(|m| rest.starts_with(m.open))?;
    let next = rest[pair.open.len()..].chars().next();
    let ok = match pair.kind {
        MarkKind::Double => next.is_some(),
        MarkKind::Straight => next.is_some_and(|n| !n.is_whitespace()),
        MarkKind::Reversed => {
            next.is_some_and(|n| n.is_alphanumeric() || n.is_whitespace())
                && prev.is_none_or(|p| !p.is_alphanumeric())
        }
        MarkKind::Single => {
            prev.is_none_or(opens_after)
                && next.is_some_and(char::is_alphabetic)
                && !is_elision(&rest[pair.open.len()..])
        }
    };
    ok.then_some(pair)
}

/// The text after an apostrophe starts with an elided word ("n' roll").
fn is_elision(after: &str) -> bool {
    let word: String = after
        .chars()
        .take_while(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    let follows = after[after
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(after.len(), |(i, _)| i)..]
        .chars()
        .next();
    // "'n'" closes at once; "'em" / "'til" are words of their own.
    ELISIONS.contains(&word.as_str()) && (word != "s" || follows.is_none_or(|c| c == ' '))
}

/// Where a quotation opened by `pair` at `start` (the first byte of the
/// inner text) closes: (byte of the closing mark, its length).
fn find_close(
    text: &str,
    chars: &[(usize, char)],
    from: usize,
    pair: &MarkPair,
) -> Option<(usize, usize)> {
    let single = pair.kind == MarkKind::Single;
    // A plural possessive ("the workers' pay") may be the close when
    // nothing better comes ("called it 'an insult to workers' and left").
    let mut fallback = None;
    for j in from..chars.len() {
        let (pos, d) = chars[j];
        let rest = &text[pos..];
        // A single-mark quote is short and never spans a double mark: give
        // up after ~600 characters (also keeps a page of apostrophes linear).
        if single && (j > from + 600 || is_double_quote_mark(d)) {
            break;
        }
        let Some(close) = pair.closes.iter().find(|c| rest.starts_with(**c)) else {
            continue;
        };
        if !single {
            return Some((pos, close.len()));
        }
        let before = if j > 0 { chars[j - 1].1 } else { ' ' };
        let after_pos = pos + close.len();
        let after: Vec<char> = text[after_pos..].chars().take(2).collect();
        if before.is_whitespace() || after.first().is_some_and(|c| is_word_char(*c)) {
            continue;
        }
        let possessive = matches!(before, 's' | 'z' | 'S' | 'Z')
            && after.first() == Some(&' ')
            && after.get(1).is_some_and(|c| c.is_lowercase());
        if possessive {
            fallback = fallback.or(Some((pos, close.len())));
            continue;
        }
        return Some((pos, close.len()));
    }
    fallback
}

/// Finds the quotes of one paragraph.
pub(crate) fn find_quotes(text: &str) -> Vec<RawQuote> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (pos, _) = chars[i];
        let prev = if i > 0 { Some(chars[i - 1].1) } else { None };
        let Some(pair) = opener_at(text, pos, prev) else {
            i += 1;
            continue;
        };
        let start = pos + pair.open.len();
        let first = chars.partition_point(|c| c.0 < start);
        match find_close(text, &chars, first, pair) {
            Some((cpos, clen)) => {
                if text[start..cpos].trim().chars().any(char::is_alphabetic) {
                    out.push(RawQuote {
                        start,
                        end: cpos,
                        after: cpos + clen,
                        open: pos,
                    });
                }
                i = chars.partition_point(|c| c.0 < cpos + clen);
            }
            // Open to the end of the paragraph (a quote that continues in
            // the next one, or whose closing mark was left out): a double
            // mark, or a single one that opens the paragraph.
            None if matches!(pair.kind, MarkKind::Double | MarkKind::Straight)
                || (pair.kind == MarkKind::Single && prev.is_none()) =>
            {
                if text[start..].split_whitespace().count() >= 3 {
                    out.push(RawQuote {
                        start,
                        end: text.len(),
                        after: text.len(),
                        open: pos,
                    });
                }
                break;
            }
            None => i += 1,
        }
    }
    out
}

/// The speaker found for a quote or a reporting verb.
#[derive(Debug, Clone, PartialEq)]
struct Speaker {
    name: String,
    entity: Option<usize>,
    person: bool,
    how: String,
    /// The pronoun that named the speaker: its sentence and byte range in
    /// the sentence's text.
    pronoun: Option<(SentenceRef, usize, usize)>,
}

/// Per-article state: the last person who spoke.
struct Ctx<'a> {
    entities: &'a [Entity],
    mentions: &'a MentionIndex,
    last_person: Option<Speaker>,
    last_quote: Option<Speaker>,
    /// The last person named in an earlier sentence (for a pronoun when
    /// nobody has spoken yet).
    last_named: Option<usize>,
}

impl Ctx<'_> {
    /// The speaker a pronoun refers to; `pronoun` is where the pronoun is
    /// (sentence, byte range in its text).
    fn previous(&self, how: String, pronoun: (SentenceRef, usize, usize)) -> Option<Speaker> {
        let pronoun = Some(pronoun);
        match (&self.last_person, self.last_named) {
            (Some(s), _) => Some(Speaker {
                how,
                pronoun,
                ..s.clone()
            }),
            (None, Some(id)) => {
                let mut s = speaker_from_entity(self, id, "");
                s.how = format!("{how} (the last person named)");
                s.pronoun = pronoun;
                Some(s)
            }
            _ => None,
        }
    }
}

const PRONOUNS: &[&str] = &["he", "she", "they"];
const SKIP_BEFORE_VERB: &[&str] = &[
    "also",
    "has",
    "had",
    "have",
    "later",
    "then",
    "again",
    "repeatedly",
    "reportedly",
    "once",
    "previously",
    "earlier",
    "further",
    "quickly",
    "simply",
    "had",
    "publicly",
    "privately",
    "recently",
    "has",
    "was",
    "is",
    "would",
    "will",
    "could",
    "on",
    "last",
];

fn speaker_from_entity(ctx: &Ctx, id: usize, how: &str) -> Speaker {
    let e = &ctx.entities[id];
    Speaker {
        name: e.canonical.clone(),
        entity: Some(id),
        person: e.kind == EntityKind::Person,
        how: how.to_string(),
        pronoun: None,
    }
}

/// The last entity mention that ends at (or just before) `pos` of a sentence.
fn entity_ending_at(ctx: &Ctx, r: SentenceRef, text: &str, pos: usize) -> Option<usize> {
    let trimmed = text[..pos].trim_end().trim_end_matches(['\'', '’']);
    let trimmed = trimmed
        .strip_suffix("'s")
        .or(trimmed.strip_suffix("’s"))
        .unwrap_or(trimmed);
    let end = trimmed.len();
    ctx.mentions
        .of(r)
        .iter()
        .filter(|m| m.1 <= end && m.1 + 3 >= end && m.1 >= end.saturating_sub(2))
        .max_by_key(|m| m.1)
        .map(|m| m.2)
}

/// Resolves a noun phrase of role words ("the Hungarian leader", "the prime
/// minister") to the one person whose titles carry that role.
fn by_role(ctx: &Ctx, np: &[String]) -> Option<usize> {
    let head = np.last()?;
    let head = head.trim_end_matches('s');
    if !is_role_noun(head) {
        return None;
    }
    let synonyms: Vec<&str> = match head {
        "leader" | "premier" | "head" => vec![
            "leader",
            "president",
            "prime minister",
            "premier",
            "king",
            "chancellor",
            "head",
        ],
        "minister" => {
            if np.iter().any(|w| w == "prime") {
                vec!["prime minister", "premier"]
            } else {
                vec!["minister"]
            }
        }
        h => vec![h],
    };
    // Capitalized or adjective qualifiers ("Hungarian", "foreign").
    let quals: Vec<&String> = np[..np.len() - 1]
        .iter()
        .filter(|w| {
            !matches!(
                w.as_str(),
                "the" | "a" | "an" | "prime" | "country's" | "country’s" | "its" | "top" | "former"
            )
        })
        .collect();
    let mut hits = FxHashSet::default();
    for e in ctx.entities {
        if e.kind != EntityKind::Person {
            continue;
        }
        let ok = e.titles.iter().any(|t| {
            let t = t.to_lowercase();
            synonyms.iter().any(|s| t.contains(s)) && quals.iter().all(|q| t.contains(q.as_str()))
        });
        if ok {
            hits.insert(e.id);
        }
    }
    if hits.len() == 1 {
        hits.into_iter().next()
    } else {
        None
    }
}

/// The subject of a reporting verb that starts at `v` in sentence `r`.
fn subject_before(
    ctx: &Ctx,
    r: SentenceRef,
    text: &str,
    toks: &[Tok],
    vi: usize,
) -> Option<Speaker> {
    let verb = toks[vi].text.to_lowercase();
    // Participles: the nearest person before the verb.
    if verb.ends_with("ing") {
        return nearest_person_before(ctx, r, toks[vi].start).map(|id| {
            speaker_from_entity(
                ctx,
                id,
                &format!("subject of \"{verb}\" (nearest person before)"),
            )
        });
    }
    let mut k = vi;
    // Skip adverbs and auxiliaries ("has also", "later").
    while k > 0 && SKIP_BEFORE_VERB.contains(&toks[k - 1].text.to_lowercase().as_str()) {
        k -= 1;
    }
    if k == 0 {
        return None;
    }
    let mut end = toks[k].start;
    let mut before = text[..end].trim_end();
    // ", who" / ", which": the entity before the relative pronoun.
    for rel in ["who", "which"] {
        if let Some(b) = before.strip_suffix(rel)
            && b.ends_with([' ', ','])
        {
            before = b.trim_end();
        }
    }
    // "the former governor, X, said": the person before the comma;
    // "X, a member of Z, told": skip the appositive.
    if let Some(b) = before.strip_suffix(',') {
        let b = b.trim_end();
        // "X, the prime minister of New Zealand, told": an appositive (it
        // starts in lower case or with a number) is skipped, whatever it
        // ends with.
        let appositive = b.rfind(',').is_some_and(|c| {
            let seg = b[c + 1..].trim_start();
            b[..c].trim_end().ends_with(|ch: char| ch.is_alphanumeric())
                && (seg.starts_with(|ch: char| !ch.is_uppercase()) || is_party_state(seg))
        });
        if let Some(id) = entity_ending_at(ctx, r, text, b.len()).filter(|&id| {
            !appositive
                && matches!(
                    ctx.entities[id].kind,
                    EntityKind::Person | EntityKind::Other
                )
        }) {
            return Some(speaker_from_entity(ctx, id, &format!("X, {verb}")));
        }
        match b.rfind(',') {
            Some(c) if b[..c].trim_end().ends_with(|ch: char| ch.is_alphanumeric()) => {
                before = b[..c].trim_end();
            }
            _ => before = b,
        }
    }
    end = before.len();
    // A pronoun: the previous speaker.
    let cut = tail(before, 24);
    let last_tok = tokens(cut).last().copied();
    if let Some(t) = last_tok {
        let l = t.text.to_lowercase();
        let off = before.len() - cut.len();
        if PRONOUNS.contains(&l.as_str()) && t.end + off == end {
            return ctx.previous(
                format!("\"{l} {verb}\": the previous speaker"),
                (r, t.start + off, t.end + off),
            );
        }
    }
    if let Some(id) = entity_ending_at(ctx, r, text, end) {
        return Some(speaker_from_entity(ctx, id, &format!("X {verb}")));
    }
    // A noun phrase: up to four words of the same clause.
    let np_toks: Vec<Tok> = {
        // The last words only (bounded, so the work stays linear).
        let cut = tail(before, 120);
        let off = before.len() - cut.len();
        let all: Vec<Tok> = tokens(cut)
            .into_iter()
            .map(|t| Tok {
                start: t.start + off,
                end: t.end + off,
                text: t.text,
            })
            .collect();
        let mut v: Vec<Tok> = Vec::new();
        for t in all.iter().rev() {
            let gap_end = v.last().map(|x: &Tok| x.start).unwrap_or(end);
            if !before[t.end..gap_end].trim().is_empty() || v.len() >= 4 {
                break;
            }
            v.push(*t);
            if matches!(
                t.text.to_lowercase().as_str(),
                "the" | "a" | "an" | "his" | "her" | "their" | "its"
            ) {
                break;
            }
        }
        v.reverse();
        v
    };
    if np_toks.is_empty() {
        return None;
    }
    let np: Vec<String> = np_toks.iter().map(|t| t.text.to_lowercase()).collect();
    if let Some(id) = by_role(ctx, &np) {
        let phrase = before[np_toks[0].start..end].to_string();
        return Some(speaker_from_entity(
            ctx,
            id,
            &format!("named by role: \"{phrase}\""),
        ));
    }
    let phrase = before[np_toks[0].start..end].to_string();
    let head = np.last().cloned().unwrap_or_default();
    let personish = is_role_noun(&head) || head.ends_with("ers") || head == "people";
    if !np.iter().any(|w| w.chars().any(char::is_alphabetic)) {
        return None;
    }
    Some(Speaker {
        name: phrase,
        entity: None,
        person: personish,
        how: format!("X {verb}"),
        pronoun: None,
    })
}

/// A party and state designation after a US politician's name ("R-Ariz.",
/// "D-N.Y.", "I-Vt."): an appositive.
fn is_party_state(seg: &str) -> bool {
    let mut c = seg.chars();
    matches!(c.next(), Some('R' | 'D' | 'I'))
        && c.next() == Some('-')
        && c.next().is_some_and(char::is_uppercase)
        && seg.len() <= 12
        && !seg.contains(' ')
}

/// "according to X" in a sentence: the entity named right after, else the
/// words up to the next punctuation ("according to the central bank").
fn according_to(ctx: &Ctx, r: SentenceRef, text: &str) -> Option<Speaker> {
    const KEY: &str = "according to ";
    // ASCII lower case keeps byte offsets.
    let at = text.to_ascii_lowercase().find(KEY)? + KEY.len();
    if let Some(m) = ctx
        .mentions
        .of(r)
        .iter()
        .find(|m| m.0 >= at && m.0 <= at + 40)
    {
        return Some(speaker_from_entity(ctx, m.2, "according to X"));
    }
    let rest = text.get(at..)?;
    let end = rest
        .find(|c: char| ",.;:!?()\"“”«»`'‘’".contains(c))
        .unwrap_or(rest.len());
    let phrase = rest[..end].trim();
    let words: Vec<&str> = phrase.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 || !phrase.chars().any(char::is_alphabetic) {
        return None;
    }
    let head = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
    Some(Speaker {
        name: phrase.to_string(),
        entity: None,
        person: is_role_noun(&head) || head.ends_with("ers") || head == "people",
        how: "according to X".into(),
        pronoun: None,
    })
}

fn nearest_person_before(ctx: &Ctx, r: SentenceRef, pos: usize) -> Option<usize> {
    ctx.mentions
        .of(r)
        .iter()
        .filter(|m| m.1 <= pos && ctx.entities[m.2].kind == EntityKind::Person)
        .max_by_key(|m| m.1)
        .map(|m| m.2)
}

/// Attribution right after a quote: `," X said` or `," said X`.
fn speaker_after(ctx: &Ctx, r: SentenceRef, text: &str, from: usize) -> Option<Speaker> {
    let rest = &text[from..];
    let lead = rest.len()
        - rest
            .trim_start_matches([',', ' ', '\u{a0}', '.', '!', '?'])
            .len();
    let rest_start = from + lead;
    let toks = tokens(&text[rest_start..]);
    // Tokens of the attribution clause (up to the next punctuation).
    let mut clause: Vec<Tok> = Vec::new();
    let mut prev_end = 0;
    for t in toks.iter().take(10) {
        let gap = &text[rest_start + prev_end..rest_start + t.start];
        let prev_word = clause.last().map_or("", |p: &Tok| p.text);
        if !(clause.is_empty() || is_name_gap(prev_word, gap) || gap.trim().is_empty()) {
            break;
        }
        clause.push(Tok {
            start: rest_start + t.start,
            end: rest_start + t.end,
            text: t.text,
        });
        prev_end = t.end;
    }
    let vi = (0..clause.len()).find(|&i| speech_verb_at(&clause, i))?;
    let verb = clause[vi].text.to_lowercase();
    if vi == 0 {
        // `," said X`
        // `said X` / `said coach X`: the first name of the clause after the verb.
        let after_verb = clause[vi].end;
        let clause_end = clause.last().map(|t| t.end).unwrap_or(after_verb);
        let ms = ctx.mentions.of(r);
        let k = ms
            .iter()
            .position(|m| m.0 >= after_verb && m.0 <= clause_end + 1)?;
        // "said the Taoiseach, Leo Varadkar": a role, then the person.
        let person = |id: usize| ctx.entities[id].kind == EntityKind::Person;
        let m = match ms.get(k + 1) {
            Some(n)
                if !person(ms[k].2)
                    && (person(n.2)
                        || ctx.entities[n.2].kind == EntityKind::Other
                            && ctx.entities[n.2].canonical.contains(' '))
                    && text
                        .get(ms[k].1..n.0)
                        .is_some_and(|g| g.trim() == "," || g.trim() == ", the") =>
            {
                n
            }
            _ => &ms[k],
        };
        return Some(speaker_from_entity(ctx, m.2, &format!("{verb} X")));
    }
    let np = &clause[..vi];
    let np_words: Vec<String> = np.iter().map(|t| t.text.to_lowercase()).collect();
    let np_start = np[0].start;
    let np_end = np[np.len() - 1].end;
    if np.len() == 1 && PRONOUNS.contains(&np_words[0].as_str()) {
        return ctx.previous(
            format!("\"{} {verb}\": the previous speaker", np_words[0]),
            (r, np_start, np_end),
        );
    }
    // The last person named in the phrase, else the last entity.
    let ms: Vec<&(usize, usize, usize)> = ctx
        .mentions
        .of(r)
        .iter()
        .filter(|m| m.0 >= np_start && m.1 <= np_end)
        .collect();
    if let Some(m) = ms
        .iter()
        .rev()
        .find(|m| ctx.entities[m.2].kind == EntityKind::Person)
        .or(ms.last())
    {
        return Some(speaker_from_entity(ctx, m.2, &format!("X {verb}")));
    }
    if let Some(id) = by_role(ctx, &np_words) {
        let phrase = text[np_start..np_end].to_string();
        return Some(speaker_from_entity(
            ctx,
            id,
            &format!("named by role: \"{phrase}\""),
        ));
    }
    let head = np_words.last().cloned().unwrap_or_default();
    Some(Speaker {
        name: text[np_start..np_end].to_string(),
        entity: None,
        person: is_role_noun(&head) || head.ends_with("ers") || head == "people",
        how: format!("X {verb}"),
        pronoun: None,
    })
}

/// True when token `i` is a reporting verb, and not a capitalized word of
/// a name that happens to spell one ("the United States and other big
/// economies must …", "Consumer Reports said"): a capitalized verb right
/// after a capitalized word is part of that name (all-capital text aside).
fn speech_verb_at(toks: &[Tok], i: usize) -> bool {
    let t = toks[i].text;
    if !is_speech_verb(t) {
        return false;
    }
    let capital = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
    let all_caps = !t.chars().any(char::is_lowercase);
    !(i > 0 && capital(t) && !all_caps && capital(toks[i - 1].text))
}

/// Indices of the quote intervals a token is inside.
fn inside_any(pos: usize, spans: &[(usize, usize)]) -> bool {
    spans.iter().any(|&(a, b)| pos >= a && pos < b)
}

/// Attributes reporting verbs outside quotes (indirect speech: "X said
/// that ...") so that a later "he said" finds its speaker.
fn note_indirect_speech(ctx: &mut Ctx, r: SentenceRef, text: &str, quoted: &[(usize, usize)]) {
    if let Some(m) = ctx
        .mentions
        .of(r)
        .iter()
        .rev()
        .find(|m| ctx.entities[m.2].kind == EntityKind::Person)
    {
        ctx.last_named = Some(m.2);
    }
    let toks = tokens(text);
    for (vi, t) in toks.iter().enumerate() {
        if inside_any(t.start, quoted) || !speech_verb_at(&toks, vi) || t.text.ends_with("ing") {
            continue;
        }
        if let Some(s) = subject_before(ctx, r, text, &toks, vi)
            && s.person
            && s.entity.is_some()
        {
            ctx.last_person = Some(s);
        }
    }
}

fn normalize_quote(s: &str) -> String {
    s.trim().trim_end_matches([',', ' ']).trim().to_string()
}

/// Finds and attributes the quotes of a story, merged across articles.
pub fn find_quotes_in(corpus: &Corpus, entities: &[Entity], mentions: &MentionIndex) -> Vec<Quote> {
    let mut occs: Vec<(usize, QuoteOccurrence)> = Vec::new();
    for (a, d) in corpus.docs.iter().enumerate() {
        let mut ctx = Ctx {
            entities,
            mentions,
            last_person: None,
            last_quote: None,
            last_named: None,
        };
        let mut prev_para_quoted = false;
        // Sentences by paragraph, once.
        let mut para_sents: Vec<Vec<usize>> = vec![Vec::new(); d.article.paragraphs.len()];
        for (i, s) in d.sentences.iter().enumerate() {
            if let Some(v) = para_sents.get_mut(s.paragraph) {
                v.push(i);
            }
        }
        for (pi, p) in d.article.paragraphs.iter().enumerate() {
            let ptext = d.article.paragraph_text(p);
            let raws = find_quotes(ptext);
            // Sentences of the paragraph with their paragraph-relative ranges.
            let sents: Vec<(usize, usize, usize)> = para_sents[pi]
                .iter()
                .map(|&i| {
                    let s = &d.sentences[i];
                    (i, s.span.start - p.span.start, s.span.end - p.span.start)
                })
                .collect();
            // The sentence holding a position (the last one starting at or before it).
            let sent_of = |pos: usize| -> Option<usize> {
                let k = sents.partition_point(|s| s.1 <= pos);
                sents.get(k.checked_sub(1)?).map(|s| s.0)
            };
            let mut cursor = 0;
            let mut quoted_by_sentence: Vec<(usize, Vec<(usize, usize)>)> = Vec::new();
            let mut done_sentences: FxHashSet<usize> = FxHashSet::default();
            let mut para_has_quote = false;
            for q in &raws {
                let (Some(s_open), Some(s_close)) = (
                    sent_of(q.start),
                    sent_of(q.end.saturating_sub(1).max(q.start)),
                ) else {
                    continue;
                };
                // Indirect speech in sentences before this quote.
                while cursor < sents.len() && sents[cursor].0 < s_open {
                    let (si, ss, _) = sents[cursor];
                    cursor += 1;
                    if done_sentences.insert(si) {
                        let r = SentenceRef {
                            article: a,
                            sentence: si,
                        };
                        let spans = quoted_spans(&raws, ss, d.sentences[si].text.len());
                        note_indirect_speech(&mut ctx, r, &d.sentences[si].text, &spans);
                    }
                }
                let para_quoted_before = para_has_quote;
                para_has_quote = true;
                let ro = SentenceRef {
                    article: a,
                    sentence: s_open,
                };
                // The attribution after the quote is read in the sentence
                // of the closing mark (a splitter may cut `!''` apart).
                let s_mark = if q.after > q.end {
                    sent_of(q.after - 1).unwrap_or(s_close)
                } else {
                    s_close
                };
                let rc = SentenceRef {
                    article: a,
                    sentence: s_mark,
                };
                let so = &d.sentences[s_open];
                let sc = &d.sentences[s_mark];
                let off_o = so.span.start - p.span.start;
                let off_c = sc.span.start - p.span.start;
                let text = normalize_quote(&ptext[q.start..q.end]);
                // After the close (same sentence as the close).
                let after = if q.after <= off_c + sc.text.len() && q.after >= off_c {
                    speaker_after(&ctx, rc, &sc.text, q.after - off_c)
                } else {
                    None
                };
                // `"I have no regrets." Clinton said later.`: the closing
                // mark ends its sentence and the next one of the paragraph
                // is a short attribution with no quote of its own.
                let after = after.or_else(|| {
                    let ends_sentence = q.after > q.end
                        && q.after >= off_c
                        && sc
                            .text
                            .get(q.after - off_c..)
                            .is_some_and(|r| r.trim().is_empty());
                    if !ends_sentence {
                        return None;
                    }
                    let k = sents.iter().position(|x| x.0 == s_mark)?;
                    let &(sn, sn_start, _) = sents.get(k + 1)?;
                    let next = &d.sentences[sn];
                    if tokens(&next.text).len() > 8
                        || !quoted_spans(&raws, sn_start, next.text.len()).is_empty()
                    {
                        return None;
                    }
                    let r = SentenceRef {
                        article: a,
                        sentence: sn,
                    };
                    speaker_after(&ctx, r, &next.text, 0).map(|mut s| {
                        s.how = format!("{} (the next sentence)", s.how);
                        s
                    })
                });
                // Before the open.
                let before = {
                    let local_open = q.open.saturating_sub(off_o).min(so.text.len());
                    let toks = tokens(&so.text);
                    let spans = quoted_spans(&raws, off_o, so.text.len());
                    toks.iter()
                        .enumerate()
                        .rfind(|(i, t)| {
                            t.end <= local_open
                                && speech_verb_at(&toks, *i)
                                && !inside_any(t.start, &spans)
                        })
                        .and_then(|(vi, _)| subject_before(&ctx, ro, &so.text, &toks, vi))
                };
                // "according to X" anywhere in the sentence.
                let before = before
                    .or_else(|| according_to(&ctx, ro, &so.text))
                    .or_else(|| according_to(&ctx, rc, &sc.text));
                // `X "…"` with no verb between: the entity right before the mark.
                let before = before.or_else(|| {
                    let local_open = q.open.saturating_sub(off_o).min(so.text.len());
                    entity_ending_at(&ctx, ro, &so.text, local_open)
                        .filter(|&id| entities[id].kind == EntityKind::Person)
                        .map(|id| {
                            speaker_from_entity(&ctx, id, "X \"…\" (subject before the quote)")
                        })
                });
                // A reporting verb later in the sentence: `"…" with Y, X said`.
                let after = after.or_else(|| {
                    if q.after < off_c || q.after > off_c + sc.text.len() {
                        return None;
                    }
                    let local = q.after - off_c;
                    let toks = tokens(&sc.text);
                    let spans = quoted_spans(&raws, off_c, sc.text.len());
                    toks.iter()
                        .enumerate()
                        .find(|(i, t)| {
                            t.start >= local
                                && speech_verb_at(&toks, *i)
                                && !t.text.ends_with("ing")
                                && !inside_any(t.start, &spans)
                        })
                        .and_then(|(vi, _)| subject_before(&ctx, rc, &sc.text, &toks, vi))
                        .map(|mut s| {
                            s.how = format!("{} (later in the sentence)", s.how);
                            s
                        })
                });
                let partial = {
                    let local_open = q.open.saturating_sub(off_o);
                    let lead = so.text[..local_open.min(so.text.len())].trim();
                    !lead.is_empty() && lead.chars().any(char::is_alphabetic)
                };
                let whole_paragraph =
                    ptext[..q.open].trim().is_empty() && ptext[q.after..].trim().is_empty();
                let speaker = match (after, before) {
                    (Some(a), _)
                        if a.person
                            || a.entity
                                .is_some_and(|e| entities[e].kind != EntityKind::Organization) =>
                    {
                        Some(a)
                    }
                    (Some(a), Some(b)) => {
                        if b.person {
                            Some(b)
                        } else {
                            Some(a)
                        }
                    }
                    (Some(a), None) => Some(a),
                    (None, Some(b)) => Some(b),
                    (None, None) => {
                        if (whole_paragraph && prev_para_quoted) || (!partial && para_quoted_before)
                        {
                            ctx.last_quote.clone().map(|mut s| {
                                s.how = "continues the previous quote".into();
                                s.pronoun = None;
                                s
                            })
                        } else {
                            let local = q.open.saturating_sub(off_o);
                            nearest_person_before(&ctx, ro, local).map(|id| {
                                speaker_from_entity(&ctx, id, "nearest person before the quote")
                            })
                        }
                    }
                };
                if let Some(s) = &speaker {
                    if s.person && s.entity.is_some() {
                        ctx.last_person = Some(s.clone());
                    }
                    ctx.last_quote = Some(s.clone());
                }
                let at: Vec<SentenceRef> = (s_open..=s_close)
                    .map(|sentence| SentenceRef {
                        article: a,
                        sentence,
                    })
                    .collect();
                occs.push((
                    a,
                    QuoteOccurrence {
                        at,
                        text,
                        speaker: speaker.as_ref().map(|s| s.name.clone()),
                        speaker_entity: speaker.as_ref().and_then(|s| s.entity),
                        how: speaker
                            .as_ref()
                            .map(|s| s.how.clone())
                            .unwrap_or_else(|| "unattributed".into()),
                        pronoun: speaker.as_ref().and_then(|s| s.pronoun).and_then(
                            |(r, start, end)| {
                                let sentence = corpus.sentence(r);
                                let base = sentence.span.start;
                                Some(Mention {
                                    at: r,
                                    span: Some(Span::new(base + start, base + end)),
                                    text: sentence.text.get(start..end)?.to_string(),
                                })
                            },
                        ),
                        partial,
                    },
                ));
                let _ = &mut quoted_by_sentence;
            }
            for &(si, ss, _) in &sents {
                if done_sentences.insert(si) {
                    let r = SentenceRef {
                        article: a,
                        sentence: si,
                    };
                    let spans = quoted_spans(&raws, ss, d.sentences[si].text.len());
                    note_indirect_speech(&mut ctx, r, &d.sentences[si].text, &spans);
                }
            }
            prev_para_quoted = para_has_quote;
        }
    }
    merge_quotes(occs)
}

/// Quote inner ranges relative to a sentence that starts at `off` in the paragraph.
fn quoted_spans(raws: &[RawQuote], off: usize, len: usize) -> Vec<(usize, usize)> {
    // Quotes are in text order and do not overlap: skip to the first that
    // ends after the sentence starts.
    let k = raws.partition_point(|q| q.end <= off);
    raws[k..]
        .iter()
        .take_while(|q| q.start < off + len)
        .filter(|q| q.end > off && q.start < off + len)
        .map(|q| {
            (
                q.start.saturating_sub(off),
                (q.end - off.min(q.end)).min(len),
            )
        })
        .collect()
}

/// A quote's words prepared for comparison: letters and digits, and stems.
struct QuoteKey {
    squashed: String,
    stems: FxHashSet<String>,
}

impl QuoteKey {
    fn new(s: &str) -> Self {
        QuoteKey {
            squashed: s
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect(),
            stems: content_stems(s).into_iter().collect(),
        }
    }
}

/// How alike two quotes are: 2 = the same quote, 1 = related, 0 = neither.
pub fn quote_likeness(a: &str, b: &str) -> u8 {
    likeness(&QuoteKey::new(a), &QuoteKey::new(b))
}

fn likeness(a: &QuoteKey, b: &QuoteKey) -> u8 {
    if a.squashed == b.squashed {
        return 2;
    }
    let (sa, sb) = (&a.stems, &b.stems);
    let shared = sa.intersection(sb).count();
    let (small, large) = (sa.len().min(sb.len()), sa.len().max(sb.len()));
    if small == 0 {
        return 0;
    }
    let jac = shared as f64 / (sa.len() + sb.len() - shared) as f64;
    if jac >= 0.6 && small >= 3
        || (small >= 5
            && shared as f64 >= 0.85 * small as f64
            && small as f64 >= 0.7 * large as f64)
    {
        2
    } else if (jac >= 0.2 && shared >= 3) || (shared as f64 >= 0.8 * small as f64 && shared >= 2) {
        1
    } else {
        0
    }
}

/// Quotes that share a stem with `key` (at most `CANDIDATES`), from an
/// inverted index, so that merging is not quadratic in a story's quotes.
const CANDIDATES: usize = 200;

fn candidates(index: &FxHashMap<String, Vec<usize>>, key: &QuoteKey) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    let mut stems: Vec<&String> = key.stems.iter().collect();
    stems.sort_by_key(|s| index.get(*s).map_or(0, Vec::len));
    for st in stems {
        for &q in index
            .get(st)
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .rev()
            .take(CANDIDATES)
        {
            if !out.contains(&q) {
                out.push(q);
            }
        }
        if out.len() >= CANDIDATES {
            break;
        }
    }
    out.sort_unstable();
    out
}

fn merge_quotes(occs: Vec<(usize, QuoteOccurrence)>) -> Vec<Quote> {
    let mut quotes: Vec<Quote> = Vec::new();
    let mut keys: Vec<Vec<QuoteKey>> = Vec::new();
    let mut index: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    let mut exact: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (a, o) in occs {
        let key = QuoteKey::new(&o.text);
        let mut cands = candidates(&index, &key);
        cands.extend(
            exact
                .get(&key.squashed)
                .map(Vec::as_slice)
                .unwrap_or(&[])
                .iter()
                .take(CANDIDATES),
        );
        cands.sort_unstable();
        cands.dedup();
        let same = cands.into_iter().find(|&i| {
            !quotes[i].articles.contains(&a) && keys[i].iter().any(|k| likeness(k, &key) == 2)
        });
        match same {
            Some(i) => {
                let q = &mut quotes[i];
                if q.speaker.is_none() || (q.speaker_entity.is_none() && o.speaker_entity.is_some())
                {
                    q.speaker = o.speaker.clone();
                    q.speaker_entity = o.speaker_entity;
                    q.how = o.how.clone();
                }
                q.articles.push(a);
                q.articles.sort_unstable();
                q.articles.dedup();
                q.occurrences.push(o);
                keys[i].push(key);
            }
            None => {
                let id = quotes.len();
                for st in &key.stems {
                    index.entry(st.clone()).or_default().push(id);
                }
                exact.entry(key.squashed.clone()).or_default().push(id);
                quotes.push(Quote {
                    id: quotes.len(),
                    text: o.text.clone(),
                    speaker: o.speaker.clone(),
                    speaker_entity: o.speaker_entity,
                    how: o.how.clone(),
                    articles: vec![a],
                    occurrences: vec![o],
                    related: Vec::new(),
                });
                keys.push(vec![key]);
            }
        }
    }
    let n = quotes.len();
    for i in 0..n {
        let mut cands: Vec<usize> = Vec::new();
        for k in &keys[i] {
            cands.extend(candidates(&index, k));
        }
        cands.sort_unstable();
        cands.dedup();
        for j in cands.into_iter().filter(|&j| j > i) {
            if quotes[i]
                .articles
                .iter()
                .any(|a| quotes[j].articles.contains(a))
            {
                continue;
            }
            let rel = keys[i]
                .iter()
                .any(|x| keys[j].iter().any(|y| likeness(x, y) >= 1));
            if rel {
                quotes[i].related.push(j);
                quotes[j].related.push(i);
            }
        }
    }
    quotes
}

#[cfg(test)]
mod tests;

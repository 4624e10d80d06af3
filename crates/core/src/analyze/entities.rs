//! Entities: people, organizations and places found from the text itself.
//!
//! 1. Candidate names are runs of capitalized words (with name particles
//!    such as "al-", "bin" or "von der", "of" inside "Secretary of State",
//!    and the stop of an abbreviated title: "Ms. Ardern"), cut at
//!    possessives, weekday and month names, and sentence-initial words that
//!    are not names ("Despite", "The").
//! 2. A title in front ("Prime Minister", "spokeswoman", "Grand Ayatollah")
//!    is cut off and makes the rest a person; suffixes ("Department",
//!    "Square"), context words ("the X group", "in X", "city of X"), speech
//!    verbs and datelines vote for a type.
//! 3. Variants merge: the same key (case, hyphens, "al-" folded);
//!    transliterations (same initial, same consonant skeleton: Dmitry / Dmitri,
//!    Ahmed / Ahmad); a surname-only or short form that is the suffix of
//!    exactly one longer name; a one-word short form that ends no name but
//!    is the family name written first ("Xi Jinping" / "Xi", "Moon Jae-in" /
//!    "Moon"), a given name before a patronymic ("Mahathir bin Mohamad"), or
//!    the name before the surname of a long name ("Luiz Inácio Lula da
//!    Silva" / "Lula") of exactly one person; an acronym that the text expands
//!    ("World Health Organization (WHO)"), that spells a name's initials, or that doubles
//!    or extends a known acronym ("AB" / "ABAB"). Distinct people who share a
//!    name part never merge: a suffix must match whole words at the end,
//!    and an ambiguous short form (two candidates) stays apart.

use super::lexicon::*;
use crate::model::{SentenceRef, Span};
use crate::text::{Corpus, is_stop_word};
use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organization (government body, company, armed group, outlet).
    Organization,
    /// A place (country, city, square, region).
    Place,
    /// A name whose kind the text does not show.
    Other,
}

/// One occurrence of an entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Mention {
    /// The sentence it is in.
    pub at: SentenceRef,
    /// Byte range in the article's cleaned body (`None` for a dateline,
    /// which the cleaner took out of the body).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub span: Option<Span>,
    /// The name as written (possessive removed).
    pub text: String,
}

/// An entity with its variants merged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Entity {
    /// Id, referenced from quotes (`speaker_entity`).
    pub id: usize,
    /// The fullest name form.
    pub canonical: String,
    /// Person, organization, place or other.
    pub kind: EntityKind,
    /// Every distinct written form, canonical first.
    pub variants: Vec<String>,
    /// Titles written before the name ("State Department spokeswoman").
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub titles: Vec<String>,
    /// Articles that name it (indices, sorted).
    pub articles: Vec<usize>,
    /// Every mention, in story order.
    pub mentions: Vec<Mention>,
}

/// A word of a sentence with its byte range in the sentence.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

/// Letters and combining marks.
fn is_letter(c: char) -> bool {
    c.is_alphabetic() || ('\u{300}'..='\u{36f}').contains(&c)
}

/// Words of a text with byte ranges: letters with inner apostrophes and
/// hyphens kept together ("Abdel-Fattah", "don't"), dotted acronyms
/// ("U.S."), numbers with their separators ("5,200", "10/1").
///
/// Hand-written rather than a regex: this runs over every sentence several
/// times and a regex needs a forward and a reverse scan per word, which
/// made it the analysis' hottest spot.
pub(crate) fn tokens(text: &str) -> Vec<Tok<'_>> {
    // Char at a byte position, and the position after it.
    let at = |p: usize| text.get(p..).and_then(|r| r.chars().next());
    let next = |p: usize| p + at(p).map(char::len_utf8).unwrap_or(1);
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let Some(c) = at(i) else { break };
        let start = i;
        let j = if c.is_uppercase()
            && at(next(i)) == Some('.')
            && at(next(i) + 1).is_some_and(char::is_uppercase)
            && at(next(next(i) + 1)) == Some('.')
        {
            // U.S. / U.N.
            let mut j = i;
            while at(j).is_some_and(char::is_uppercase) && at(next(j)) == Some('.') {
                j = next(j) + 1;
            }
            j
        } else if is_letter(c) {
            let mut j = i;
            while at(j).is_some_and(is_letter) {
                j = next(j);
            }
            // Inner apostrophes and hyphens followed by letters.
            while let Some(sep) = at(j) {
                if matches!(sep, '\'' | '’' | '-') && at(next(j)).is_some_and(is_letter) {
                    j = next(j);
                    while at(j).is_some_and(is_letter) {
                        j = next(j);
                    }
                } else {
                    break;
                }
            }
            j
        } else if c.is_ascii_digit() {
            let mut j = i;
            while at(j).is_some_and(|d| d.is_ascii_digit()) {
                j += 1;
            }
            while let Some(sep) = at(j) {
                if matches!(sep, '.' | ',' | ':' | '/')
                    && at(j + 1).is_some_and(|d| d.is_ascii_digit())
                {
                    j += 1;
                    while at(j).is_some_and(|d| d.is_ascii_digit()) {
                        j += 1;
                    }
                } else {
                    break;
                }
            }
            j
        } else {
            i = next(i);
            continue;
        };
        out.push(Tok {
            start,
            end: j,
            text: &text[start..j],
        });
        i = j;
    }
    out
}

/// The word without a possessive "'s" / "’s" / trailing apostrophe.
pub(crate) fn strip_possessive(w: &str) -> (&str, bool) {
    for suf in ["'s", "’s", "'S", "’S"] {
        if let Some(b) = w.strip_suffix(suf) {
            return (b, true);
        }
    }
    (w, false)
}

fn is_all_caps(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

fn is_acronym(w: &str) -> bool {
    is_all_caps(w) && w.chars().filter(|c| c.is_alphabetic()).count() <= 6 && !w.contains(' ')
}

const PARTICLES: &[&str] = &[
    "al", "el", "ad", "ash", "as", "bin", "ibn", "bint", "abu", "de", "del", "della", "di", "da",
    "dos", "du", "van", "von", "der", "den", "le", "la", "ben", "y",
];

/// Capitalized words that "of" may follow inside a name ("Secretary of
/// State", "Bank of England", "Republic of Korea").
fn of_head(w: &str) -> bool {
    is_title_word(w) || ORG_SUFFIXES.contains(&w) || OF_HEADS.contains(&w)
}

const OF_HEADS: &[&str] = &[
    "Republic",
    "Kingdom",
    "Gulf",
    "Bay",
    "Isle",
    "Island",
    "Islands",
    "Sea",
    "City",
    "State",
    "States",
    "House",
    "Duke",
    "Duchess",
    "Cape",
    "Lake",
    "Mount",
    "Strait",
    "Sultanate",
    "Emirate",
    "Province",
    "Museum",
    "Chamber",
    "Port",
    "Battle",
    "Treaty",
    "Statue",
    "Tower",
    "Church",
    "Cathedral",
    "Bank",
    "University",
    "Ministry",
    "Department",
    "Council",
    "Court",
    "Secretary",
    "Minister",
    "Governor",
    "Mayor",
    "President",
    "Director",
    "Chief",
    "Head",
    "Chairman",
    "Commissioner",
    "Speaker",
    "Leader",
    "Archbishop",
    "Bishop",
    "Prince",
    "Princess",
    "King",
    "Queen",
    "Emir",
    "Sultan",
];

/// Lower-case particles that may open a name in running text.
const PREFIX_PARTICLES: &[&str] = &[
    "bin", "ibn", "al", "el", "van", "von", "de", "der", "den", "dos", "da", "di", "del",
];

/// A capitalized name word ("Merkel", "Abdel-Fattah", "al-Sisi", "NATO").
fn is_name_word(w: &str) -> bool {
    let (w, _) = strip_possessive(w);
    let first = w.chars().next().unwrap_or(' ');
    if first.is_uppercase() {
        // "US-led", "Iran-backed": an adjective, not a name; "Jae-in",
        // "Jong-un": a romanized given name.
        if let Some((a, rest)) = w.split_once('-') {
            return rest.chars().next().is_some_and(|c| c.is_uppercase())
                || (!is_all_caps(a)
                    && a.chars().count() <= 5
                    && !HYPHEN_ADJECTIVES.contains(&rest)
                    && romanized_syllables(&a.to_lowercase())
                    && rest.split('-').all(romanized_syllables));
        }
        return true;
    }
    // "al-Sisi", "bin-Salman"
    if let Some((p, rest)) = w.split_once('-') {
        return PARTICLES.contains(&p) && rest.chars().next().is_some_and(|c| c.is_uppercase());
    }
    false
}

/// Normalized key words of a name: lower case, hyphens split, "al-"
/// particles dropped, accents kept (they are rare in English news).
fn key_words(name: &str) -> Vec<String> {
    name.split([' ', '-'])
        .filter(|p| !p.is_empty())
        .map(|p| p.to_lowercase().replace('’', "'"))
        .filter(|p| !matches!(p.as_str(), "al" | "el" | "ad" | "ash" | "as"))
        .collect()
}

/// Consonant skeleton after the first letter ("adel" → "dl").
fn skeleton(w: &str) -> String {
    w.chars()
        .skip(1)
        .filter(|c| c.is_alphabetic() && !"aeiouy".contains(*c))
        .collect()
}

/// Two name words that are the same or transliteration variants: equal,
/// or (both at least 4 letters) the same first letter, the same consonant
/// skeleton and lengths within one (Dmitry / Dmitri, Ahmed / Ahmad,
/// Mohammed / Muhammad is too far and stays apart).
pub fn same_name_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    la >= 4
        && lb >= 4
        && la.abs_diff(lb) <= 1
        && a.chars().next() == b.chars().next()
        && skeleton(a) == skeleton(b)
        && !skeleton(a).is_empty()
}

/// Family names written first (lower case, as in a name key): Chinese
/// (Mandarin, Cantonese and Taiwanese spellings), Korean, and a few
/// Vietnamese and Cambodian ones (Vietnamese news mostly shortens a name
/// to its given name, which the suffix rule covers).
const FAMILY_FIRST_CHINESE: &[&str] = &[
    "xi", "li", "wang", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun",
    "ma", "zhu", "hu", "guo", "he", "lin", "gao", "luo", "zheng", "liang", "xie", "song", "tang",
    "han", "feng", "deng", "cao", "peng", "zeng", "xiao", "tian", "dong", "pan", "yuan", "cai",
    "jiang", "yu", "du", "ye", "cheng", "wei", "su", "lu", "ding", "ren", "shen", "yao", "qin",
    "wen", "bo", "qian", "kong", "mao", "hua", "lai", "tsai", "chiang", "chou", "chang", "wong",
    "lam", "leung", "chan", "ho", "tse", "lee", "tung",
];
const FAMILY_FIRST_KOREAN: &[&str] = &[
    "kim", "park", "choi", "jung", "chung", "kang", "cho", "yoon", "jang", "lim", "oh", "seo",
    "shin", "kwon", "hwang", "ahn", "yoo", "hong", "jeon", "ko", "moon", "son", "bae", "baek",
    "nam", "roh", "ban", "ha", "kwak", "sung", "cha", "joo", "woo", "min", "ryu", "rhee", "yi",
    "chun", "lee",
];
const FAMILY_FIRST_OTHER: &[&str] = &["ngo", "hun", "sam"];

fn is_family_first(w: &str) -> bool {
    [
        FAMILY_FIRST_CHINESE,
        FAMILY_FIRST_KOREAN,
        FAMILY_FIRST_OTHER,
    ]
    .iter()
    .any(|l| l.contains(&w))
}

/// A romanized syllable sequence (pinyin, Wade-Giles, Korean): optional
/// initial, vowel nucleus, optional coda ("jinping", "keqiang", "jae",
/// "yeol", "hsien").
fn romanized_syllables(w: &str) -> bool {
    const INITIALS: &[&str] = &[
        "zh", "ch", "sh", "hs", "ts", "kk", "tt", "pp", "ss", "jj", "b", "c", "d", "f", "g", "h",
        "j", "k", "l", "m", "n", "p", "q", "r", "s", "t", "w", "x", "y", "z",
    ];
    const NUCLEI: &[&str] = &[
        "iao", "uai", "yeo", "yae", "wae", "ai", "ei", "ui", "ao", "ou", "iu", "ie", "ue", "ua",
        "uo", "ia", "ae", "eo", "eu", "oe", "oo", "wa", "wo", "we", "wi", "ya", "yo", "yu", "ye",
        "a", "e", "i", "o", "u",
    ];
    const CODAS: &[&str] = &["ng", "n", "k", "l", "m", "p", "t", ""];
    splits_into(w, |rest, units| {
        for ini in INITIALS.iter().chain(std::iter::once(&"")) {
            let Some(r1) = rest.strip_prefix(ini) else {
                continue;
            };
            for nu in NUCLEI {
                let Some(r2) = r1.strip_prefix(nu) else {
                    continue;
                };
                for co in CODAS {
                    if r2.starts_with(co) {
                        units.push(ini.len() + nu.len() + co.len());
                    }
                }
            }
        }
    })
}

/// Japanese written in morae (Hepburn): "kishida", "fumio", "shinzo".
fn japanese_morae(w: &str) -> bool {
    const ONSETS: &[&str] = &[
        "sh", "ch", "ts", "ky", "gy", "ny", "hy", "my", "ry", "by", "py", "k", "s", "t", "n", "h",
        "m", "y", "r", "w", "g", "z", "d", "b", "p", "j", "f", "",
    ];
    splits_into(w, |rest, units| {
        let b = rest.as_bytes();
        // The moraic "n" (not before a vowel) and a doubled consonant.
        if rest.starts_with('n') && !rest[1..].starts_with(['a', 'e', 'i', 'o', 'u', 'y']) {
            units.push(1);
        }
        if b.len() >= 2 && b[0] == b[1] && !b"aeioun".contains(&b[0]) {
            units.push(1);
        }
        for on in ONSETS {
            if let Some(r) = rest.strip_prefix(on)
                && r.starts_with(['a', 'e', 'i', 'o', 'u'])
            {
                units.push(on.len() + 1);
            }
        }
    })
}

/// Whether a short ASCII word splits wholly into units (syllables, morae):
/// `units(rest, out)` puts in `out` the byte lengths of the units `rest`
/// can start with. Dynamic programming over the word's prefixes.
fn splits_into(w: &str, units: impl Fn(&str, &mut Vec<usize>)) -> bool {
    let n = w.len();
    if n == 0 || !w.is_ascii() || n > 16 {
        return false;
    }
    // ok[i]: the first i bytes split into units.
    let mut ok = vec![false; n + 1];
    ok[0] = true;
    let mut lens = Vec::new();
    for s in 0..n {
        if !ok[s] {
            continue;
        }
        lens.clear();
        units(&w[s..], &mut lens);
        for &l in &lens {
            if l > 0 && s + l <= n {
                ok[s + l] = true;
            }
        }
    }
    ok[n]
}

/// Word endings after a hyphen that make an adjective of a name and also
/// read as romanized syllables ("Kremlin-run", "China-made").
const HYPHEN_ADJECTIVES: &[&str] = &[
    "run", "made", "wide", "like", "style", "era", "type", "size", "free", "long", "time", "up",
    "on", "out", "owned", "led", "set",
];

/// Patronymic particles after a given name ("Mahathir bin Mohamad").
const PATRONYMIC: &[&str] = &["bin", "binti", "bint", "ibn", "ben"];

/// A one-word short form `w` that is not the last word of the person's
/// name `words` (key words) and still names them:
/// - the family name written first: "Xi Jinping" / "Xi", "Moon Jae-in" /
///   "Moon" (a Chinese, Korean or Cambodian family name before romanized
///   syllables), "Kishida Fumio" / "Kishida" (two Japanese words);
/// - a given name before a patronymic: "Mahathir bin Mohamad" / "Mahathir";
/// - the name before the surname or its particle in a name of three words
///   or more: "Luiz Inácio Lula da Silva" / "Lula", "Recep Tayyip Erdogan"
///   / "Tayyip".
fn short_form_elsewhere(words: &[String], w: &str) -> bool {
    let Some(pos) = words.iter().position(|x| x == w) else {
        return false;
    };
    let n = words.len();
    if pos == 0 {
        let rest = &words[1..];
        return rest
            .first()
            .is_some_and(|r| PATRONYMIC.contains(&r.as_str()))
            || (is_family_first(w) && n <= 4 && rest.iter().all(|r| romanized_syllables(r)))
            || (n == 2 && japanese_morae(w) && japanese_morae(&rest[0]));
    }
    n >= 3
        && pos + 1 < n
        && w.chars().count() >= 3
        && (pos + 2 == n || PARTICLES.contains(&words[pos + 1].as_str()))
}

fn words_match(a: &[String], b: &[String]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_name_word(x, y))
}

/// Raw evidence for a candidate name.
#[derive(Debug, Clone, Default)]
struct Votes {
    person: u32,
    org: u32,
    place: u32,
}

impl Votes {
    fn add(&mut self, o: &Votes) {
        self.person += o.person;
        self.org += o.org;
        self.place += o.place;
    }
    fn kind(&self) -> EntityKind {
        let m = self.person.max(self.org).max(self.place);
        if m == 0 {
            EntityKind::Other
        } else if self.person == m {
            EntityKind::Person
        } else if self.org == m {
            EntityKind::Organization
        } else {
            EntityKind::Place
        }
    }
}

/// One found name occurrence before merging.
#[derive(Debug, Clone)]
struct Cand {
    at: SentenceRef,
    span: Option<Span>,
    /// The name as written (without title or possessive).
    text: String,
    /// The honorific form ("Grand Ayatollah Ali Khamenei"), when there is one.
    honorific: Option<String>,
    title: Option<String>,
    votes: Votes,
    /// An acronym given in parentheses right after it.
    alias: Option<String>,
    /// Its first word starts a sentence (so its capital proves nothing).
    initial: bool,
}

/// Per-story facts about words used to tell names from capitalized words.
struct WordStats {
    /// Lower-case forms seen in lower case anywhere.
    lower: FxHashSet<String>,
    /// Words seen capitalized away from a sentence start.
    inner_caps: FxHashSet<String>,
}

/// Opening quotation marks of other conventions (`` `` ``, `„`, `«`, `»`,
/// `‹`, `›`, `‚`, `「`): the word after one starts a sentence of the quote.
const OPEN_MARKS: [char; 8] = ['`', '„', '«', '»', '‹', '›', '‚', '「'];

fn sentence_starts(text: &str, toks: &[Tok]) -> Vec<bool> {
    // A token starts a sentence when only quotes, brackets or spaces come
    // before it, or it follows . ! ? (with closing quotes) or a colon.
    let mut out = Vec::with_capacity(toks.len());
    let mut prev_end = 0;
    for (i, t) in toks.iter().enumerate() {
        let gap = &text[prev_end..t.start];
        let start = if i == 0 {
            gap.chars()
                .all(|c| c.is_whitespace() || "\"'“‘([-—–".contains(c) || OPEN_MARKS.contains(&c))
        } else {
            let g = gap.trim();
            g.contains(['.', '!', '?', ':', '“', '"'])
                && !g.starts_with(',')
                && (g.contains(['.', '!', '?', ':'])
                    || g.ends_with(['“', '"']) && !toks[i - 1].text.is_empty() && g.len() <= 2)
                || g.ends_with(OPEN_MARKS) && !g.starts_with(',') && g.chars().count() <= 2
        };
        out.push(start);
        prev_end = t.end;
    }
    out
}

fn word_stats(corpus: &Corpus) -> WordStats {
    let mut lower = FxHashSet::default();
    let mut inner_caps = FxHashSet::default();
    for d in &corpus.docs {
        for s in &d.sentences {
            let toks = tokens(&s.text);
            let starts = sentence_starts(&s.text, &toks);
            for (t, st) in toks.iter().zip(starts) {
                let (w, _) = strip_possessive(t.text);
                if w.chars().next().is_some_and(|c| c.is_lowercase()) {
                    if !lower.contains(w) {
                        lower.insert(w.to_string());
                    }
                } else if !st && !inner_caps.contains(w) {
                    inner_caps.insert(w.to_string());
                }
                // "al-Assad" vouches for "Assad" and "Al-Assad".
                if !st
                    && let Some((p, rest)) = w.split_once('-')
                    && PARTICLES.contains(&p.to_lowercase().as_str())
                    && rest.chars().next().is_some_and(char::is_uppercase)
                {
                    inner_caps.insert(rest.to_string());
                    let mut cap: String = p.chars().take(1).flat_map(char::to_uppercase).collect();
                    cap.push_str(&w[p.chars().next().map_or(0, char::len_utf8)..]);
                    inner_caps.insert(cap);
                }
            }
        }
    }
    WordStats { lower, inner_caps }
}

/// Demonyms ("Hungarian", "Israeli", "American"): adjectives of a place name,
/// recognized by a place-like word of the story they extend, or by the
/// usual endings.
fn is_demonym(w: &str, caps: &FxHashSet<String>) -> bool {
    if GROUP_ADJECTIVES.contains(&w) {
        return true;
    }
    if let Some(b) = w.strip_suffix('s')
        && b.ends_with(['i', 'n'])
        && is_demonym(b, caps)
    {
        return true;
    }
    let n = w.chars().count();
    if n < 4 {
        return false;
    }
    for suf in ["ian", "ean", "ese", "ish", "an", "i", "n"] {
        if let Some(base) = w.strip_suffix(suf) {
            // Kuwait → Kuwaiti, Russia → Russian, America → American, Israel → Israeli
            for b in [base.to_string(), format!("{base}a"), format!("{base}e")] {
                if b.chars().count() >= 3 && b != w && caps.contains(&b) {
                    return true;
                }
            }
        }
    }
    w.ends_with("ian") && n >= 6 && !caps.iter().any(|c| c.ends_with(w) && c != w)
}

/// Finds the candidate names of one sentence.
fn sentence_candidates(
    at: SentenceRef,
    body_offset: usize,
    text: &str,
    stats: &WordStats,
    out: &mut Vec<Cand>,
) {
    let toks = tokens(text);
    let starts = sentence_starts(text, &toks);
    let mut i = 0;
    while i < toks.len() {
        if !is_name_word(toks[i].text) || toks[i].text.chars().count() < 2 {
            i += 1;
            continue;
        }
        // Grow the run of name words joined by single spaces.
        let mut j = i + 1;
        let mut last_name = i;
        while j < toks.len() {
            let gap = &text[toks[j - 1].end..toks[j].start];
            if !is_name_gap(toks[j - 1].text, gap) || strip_possessive(toks[j - 1].text).1 {
                break;
            }
            let w = toks[j].text;
            if is_name_word(w) && w.chars().count() >= 2 {
                last_name = j;
                j += 1;
            } else if w == "of"
                && of_head(strip_possessive(toks[j - 1].text).0)
                && j + 1 < toks.len()
                && is_name_word(toks[j + 1].text)
                && is_one_space(&text[toks[j].end..toks[j + 1].start])
            {
                j += 1;
            } else if PARTICLES.contains(&w) {
                // One particle or several ("von der Leyen", "de la Fuente")
                // inside a name.
                let mut k = j + 1;
                while k < toks.len()
                    && PARTICLES.contains(&toks[k].text)
                    && is_one_space(&text[toks[k - 1].end..toks[k].start])
                {
                    k += 1;
                }
                if k < toks.len()
                    && is_name_word(toks[k].text)
                    && is_one_space(&text[toks[k - 1].end..toks[k].start])
                {
                    j = k;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        // A name particle right before ("bin Laden", "van Gogh") belongs to it.
        // Several particles too ("von der Leyen").
        let mut first = i;
        while first > 0
            && !starts[first - 1]
            && PREFIX_PARTICLES.contains(&toks[first - 1].text)
            && is_one_space(&text[toks[first - 1].end..toks[first].start])
        {
            first -= 1;
        }
        let run: Vec<Tok> = toks[first..=last_name].to_vec();
        let initial = starts[i] && first == i;
        let before = &text[..toks[i].start];
        let after = &text[toks[last_name].end..];
        split_run(
            at,
            body_offset,
            text,
            &run,
            initial,
            before,
            after,
            stats,
            out,
        );
        i = last_name + 1;
    }
}

/// Abbreviated titles written with a full stop ("Ms. Ardern", "Gen.
/// Milley", "Dr. Fauci"): the stop does not end the name.
const TITLE_ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Mx", "Dr", "Gen", "Sen", "Rep", "Gov", "Col", "Capt", "Lt", "Sgt", "Adm",
    "Prof", "Rev", "Maj", "Cmdr", "Brig", "Supt", "Insp", "Det", "Fr", "Hon", "Amb", "Pres",
];

/// The gap between two words of one name: one space, or a title
/// abbreviation's full stop and a space ("Ms. Ardern").
pub(crate) fn is_name_gap(prev_word: &str, gap: &str) -> bool {
    is_one_space(gap)
        || gap
            .strip_prefix('.')
            .is_some_and(|g| is_one_space(g) && TITLE_ABBREVIATIONS.contains(&prev_word))
}

/// One space (a no-break space counts).
pub(crate) fn is_one_space(gap: &str) -> bool {
    gap == " " || gap == "\u{a0}" || gap == "\u{202f}"
}

/// The tail of a text: its last `n` bytes or so, cut at a char boundary.
pub(crate) fn tail(text: &str, n: usize) -> &str {
    let mut start = text.len().saturating_sub(n);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..]
}

/// The head of a text: its first `n` bytes or so, cut at a char boundary.
pub(crate) fn head(text: &str, n: usize) -> &str {
    let mut end = n.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn prev_words(before: &str, n: usize) -> Vec<String> {
    // The last words only: a bounded tail keeps this linear per sentence.
    let mut v: Vec<String> = tokens(tail(before, 24 * n))
        .iter()
        .rev()
        .take(n)
        .map(|t| t.text.to_lowercase())
        .collect();
    v.reverse();
    v
}

#[allow(clippy::too_many_arguments)]
fn split_run(
    at: SentenceRef,
    body_offset: usize,
    text: &str,
    run: &[Tok],
    initial: bool,
    before: &str,
    after: &str,
    stats: &WordStats,
    out: &mut Vec<Cand>,
) {
    let mut run: Vec<Tok> = run.to_vec();
    let mut before = before;
    // Sentence-initial word that is not a name.
    if initial && !run.is_empty() {
        let w = strip_possessive(run[0].text).0;
        let l = w.to_lowercase();
        let title = is_title_word(w);
        let common =
            (!is_all_caps(w) && is_stop_word(&l)) || SENTENCE_STARTERS.contains(&l.as_str());
        // "Von der Leyen said", "De Croo said": a particle capitalized at
        // the sentence start opens the name.
        let particle = PARTICLES.contains(&l.as_str()) && !is_stop_word(&l) && run.len() >= 2;
        let drop = if particle || title && !common {
            false
        } else if common {
            true
        } else if stats.inner_caps.contains(w) {
            false
        } else if l.ends_with("ly") || l.ends_with("ing") || stats.lower.contains(&l) {
            true
        } else {
            // A lone unknown capitalized word at a sentence start is an
            // ordinary word; in a longer run it is a first name ("Saad X"),
            // unless what follows is an acronym ("Senior US officials").
            run.len() == 1 || (run.len() == 2 && is_all_caps(run[1].text))
        };
        if drop {
            before = &text[..run[0].end];
            run.remove(0);
            while run
                .first()
                .is_some_and(|t| t.text == "of" || PARTICLES.contains(&t.text))
            {
                run.remove(0);
            }
        }
    }
    if run.is_empty() {
        return;
    }
    // Cut at time words ("Friday", "October"): the pieces are separate.
    if let Some(k) = run.iter().position(|t| is_time_word(t.text)) {
        let left: Vec<Tok> = run[..k].to_vec();
        let right: Vec<Tok> = run[k + 1..].to_vec();
        if !left.is_empty() {
            let after_left = &text[left[left.len() - 1].end..];
            split_run(
                at,
                body_offset,
                text,
                &left,
                false,
                before,
                after_left,
                stats,
                out,
            );
        }
        if !right.is_empty() {
            let before_right = &text[..right[0].start];
            split_run(
                at,
                body_offset,
                text,
                &right,
                false,
                before_right,
                after,
                stats,
                out,
            );
        }
        return;
    }
    // Titles: the last run of title words (modifiers, then heads, with
    // "of X" inside) that a name follows.
    // "Secretary-General" counts as its head word.
    let clean = |t: &Tok| {
        let w = strip_possessive(t.text).0.trim_end_matches('.');
        match w.split_once('-') {
            Some((a, b)) if is_title_word(a) && is_title_word(b) => b.to_string(),
            _ => w.to_string(),
        }
    };
    let is_head = |w: &str| is_title_word(w) && !TITLE_MODIFIERS.contains(&w);
    let is_mod = |w: &str| TITLE_MODIFIERS.contains(&w);
    // Words before a title: a name of their own, with no title.
    let emit_untitled = |prefix: &[Tok], out: &mut Vec<Cand>| {
        let after_p = &text[prefix[prefix.len() - 1].end..];
        emit(
            at,
            body_offset,
            text,
            prefix,
            before,
            after_p,
            None,
            None,
            stats,
            out,
        );
    };
    let mut found: Option<(usize, usize)> = None;
    let mut k = 0;
    while k < run.len() {
        let mut e = k;
        while e < run.len() && is_mod(&clean(&run[e])) {
            e += 1;
        }
        if e < run.len() && is_head(&clean(&run[e])) {
            e += 1;
            loop {
                if e < run.len() && (is_head(&clean(&run[e])) || is_mod(&clean(&run[e]))) {
                    e += 1;
                } else if e + 2 < run.len() && run[e].text == "of" {
                    e += 2;
                } else {
                    break;
                }
            }
            if e < run.len() {
                found = Some((k, e));
                k = e;
                continue;
            }
            // "Hun Sen": an abbreviation ("Sen") with no stop and no name
            // after it ends a name, it is no title.
            if found.is_none()
                && k > 0
                && e == k + 1
                && TITLE_ABBREVIATIONS.contains(&clean(&run[k]).as_str())
                && !text[run[k].end..].starts_with('.')
            {
                break;
            }
            // A title with no name after it ("the Prime Minister").
            if found.is_none() && k > 0 {
                emit_untitled(&run[..k], out);
            }
            if found.is_none() {
                return;
            }
            break;
        }
        k += 1;
    }
    let title_start = found.map(|f| f.0);
    let title_end = found.map(|f| f.1).unwrap_or(0);
    if let Some(ts) = title_start {
        let prefix = &run[..ts];
        let name: Vec<Tok> = run[title_end..].to_vec();
        let title_text =
            text[run[ts].start..run[title_end - 1].end].replace(['\u{a0}', '\u{202f}'], " ");
        let honor = run[ts..title_end]
            .iter()
            .all(|t| HONORIFICS.contains(&t.text));
        let honorific = honor.then(|| {
            text[run[ts].start..name[name.len() - 1].end].replace(['\u{a0}', '\u{202f}'], " ")
        });
        let full_title = if prefix.is_empty() {
            title_text.clone()
        } else {
            text[run[0].start..run[title_end - 1].end].replace(['\u{a0}', '\u{202f}'], " ")
        };
        if !prefix.is_empty() {
            emit_untitled(prefix, out);
        }
        let before_name = &text[..name[0].start];
        let n = out.len();
        emit(
            at,
            body_offset,
            text,
            &name,
            before_name,
            after,
            Some(full_title),
            honorific.map(|h| strip_possessive(&h).0.to_string()),
            stats,
            out,
        );
        if out.len() > n {
            out[n].votes.person += 3;
        }
        return;
    }
    emit(
        at,
        body_offset,
        text,
        &run,
        before,
        after,
        None,
        None,
        stats,
        out,
    );
}

#[allow(clippy::too_many_arguments)]
fn emit(
    at: SentenceRef,
    body_offset: usize,
    text: &str,
    run: &[Tok],
    before: &str,
    after: &str,
    title: Option<String>,
    honorific: Option<String>,
    stats: &WordStats,
    out: &mut Vec<Cand>,
) {
    // A run of demonyms / group adjectives only ("Syrian", "Sunni Kurdish")
    // describes, it does not name; role acronyms ("PM") are titles.
    let run: Vec<Tok> = run.to_vec();
    if run.is_empty()
        || run
            .iter()
            .all(|t| is_demonym(strip_possessive(t.text).0, &stats.inner_caps))
    {
        return;
    }
    if run.len() == 1 {
        let w = strip_possessive(run[0].text).0;
        let l = w.to_lowercase();
        if is_all_caps(w) && (is_role_noun(&l) || l == "pm") {
            return;
        }
    }
    let start = run[0].start;
    let end = run[run.len() - 1].end;
    let raw = &text[start..end];
    let (kept, _) = strip_possessive(raw);
    let kept = kept.trim_end_matches('.');
    // The span covers the text as written; the name has plain spaces.
    let name_len = kept.len();
    let name = kept.replace(['\u{a0}', '\u{202f}'], " ");
    if name.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return;
    }
    let words: Vec<&str> = name.split(' ').collect();
    let last = *words.last().unwrap_or(&"");
    let mut votes = Votes::default();
    if title.is_some() {
        votes.person += 3;
    }
    let prev = prev_words(before, 3);
    let p1 = prev.last().map(String::as_str).unwrap_or("");
    let p2 = if prev.len() >= 2 {
        prev[prev.len() - 2].as_str()
    } else {
        ""
    };
    let after_words: Vec<String> = tokens(head(after, 60))
        .iter()
        .take(5)
        .map(|t| t.text.to_lowercase())
        .collect();
    let a1 = after_words.first().map(String::as_str).unwrap_or("");
    let a2 = after_words.get(1).map(String::as_str).unwrap_or("");
    let after_trim = after.trim_start();
    let comma_after = after_trim.starts_with(',');
    let before_trim = before.trim_end();
    let right_before = before_trim.ends_with(|c: char| c.is_alphanumeric());
    // Person evidence.
    let mut title = title;
    if right_before && is_role_noun(p1) && !is_all_caps(&name) {
        votes.person += 3;
        if title.is_none() {
            title = Some(role_phrase(before_trim));
        }
    }
    let multi = words.len() >= 2 && !is_all_caps(&name);
    if multi && (is_speech_verb(a1) && !comma_after || right_before && is_speech_verb(p1)) {
        votes.person += 2;
    }
    if words.len() == 1 && !is_all_caps(&name) && is_speech_verb(a1) && p1 != "the" && !comma_after
    {
        // "X reported": news outlets report; people say.
        if a1 == "reported" {
            votes.org += 2;
        } else {
            votes.person += 1;
        }
    }
    if multi
        && comma_after
        && (a1 == "a" || a1 == "an" || a1 == "the")
        // "X, the prime minister,", "X, a senior party official,"
        && after_words.iter().skip(1).take(3).any(|w| {
            is_role_noun(w) || matches!(w.as_str(), "member" | "head" | "former")
        })
    {
        votes.person += 2;
    }
    if words.iter().any(|w| {
        w.contains('-')
            && w.split('-')
                .next()
                .is_some_and(|p| PARTICLES.contains(&p.to_lowercase().as_str()))
    }) && words.len() >= 2
    {
        votes.person += 1;
    }
    // Organization evidence.
    if ORG_SUFFIXES.contains(&last) {
        votes.org += 3;
    }
    // "the X group", "the X extremist group" (not "X's party": a person's).
    let possessive = strip_possessive(raw).1;
    let adjective = |w: &str| {
        ["ist", "ic", "al", "ed", "ant"]
            .iter()
            .any(|s| w.ends_with(s))
            || matches!(w, "armed" | "rebel" | "opposition" | "ruling" | "hardline")
    };
    if !comma_after
        && !possessive
        && (ORG_CONTEXT.contains(&a1) || adjective(a1) && ORG_CONTEXT.contains(&a2))
    {
        votes.org += 2;
    }
    if right_before && p1 == "the" && words.len() == 1 && is_speech_verb(a1) {
        votes.org += 2;
    }
    // Place evidence.
    if is_country(&name) {
        votes.place += 1;
    }
    if PLACE_SUFFIXES.contains(&last) && words.len() >= 2 {
        votes.place += 3;
    }
    if right_before && p1 == "of" && PLACE_NOUNS.contains(&p2) {
        votes.place += 3;
    }
    if right_before && PLACE_PREPOSITIONS.contains(&p1) && !is_all_caps(&name) {
        votes.place += 1;
    }
    // "X (ABC)": the text gives the acronym.
    let alias = ACRONYM_DEF
        .captures(after)
        .map(|c| c[1].to_string())
        .filter(|a| a != &name);
    let initial = {
        let lead = text[..start].trim_end_matches(|c: char| {
            c.is_whitespace() || "\"'“‘([".contains(c) || OPEN_MARKS.contains(&c)
        });
        lead.is_empty() || lead.ends_with(['.', '!', '?', ':'])
    };
    out.push(Cand {
        at,
        span: Some(Span::new(
            body_offset + start,
            body_offset + start + name_len,
        )),
        text: name,
        honorific,
        title,
        votes,
        alias,
        initial,
    });
}

/// The last words before a name up to a role noun ("State Department
/// spokeswoman", "top Iranian general"), within the clause.
fn role_phrase(before: &str) -> String {
    let before = tail(before, 80);
    let toks = tokens(before);
    let Some(last) = toks.last() else {
        return String::new();
    };
    let mut first = toks.len() - 1;
    while first > 0 {
        let prev = &toks[first - 1];
        let gap = &before[prev.end..toks[first].start];
        let w = prev.text;
        let capital = w.chars().next().is_some_and(|c| c.is_uppercase());
        let modifier = matches!(
            w,
            "top" | "former" | "senior" | "chief" | "deputy" | "acting"
        );
        if !is_one_space(gap) || !(capital || modifier) {
            break;
        }
        first -= 1;
        if modifier {
            break;
        }
    }
    before[toks[first].start..last.end].replace(['\u{a0}', '\u{202f}'], " ")
}

static ACRONYM_DEF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^ \(([A-Z][A-Z0-9&]{1,7})\)").expect("valid acronym regex"));

/// Union-find over variant keys.
struct Dsu(Vec<usize>);
impl Dsu {
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

/// Distinct name keys with what is known about each.
struct Variant {
    words: Vec<String>,
    votes: Votes,
    acronym: bool,
    /// Seen away from a sentence start at least once.
    inner: bool,
}

/// Finds the entities of a story.
pub fn find_entities(corpus: &Corpus) -> Vec<Entity> {
    let stats = word_stats(corpus);
    let mut cands: Vec<Cand> = Vec::new();
    for (a, d) in corpus.docs.iter().enumerate() {
        if let Some(dl) = &d.article.dateline {
            let name = dl.trim().to_string();
            if name.chars().any(|c| c.is_alphabetic()) && !d.sentences.is_empty() {
                cands.push(Cand {
                    at: SentenceRef {
                        article: a,
                        sentence: 0,
                    },
                    span: None,
                    text: name,
                    honorific: None,
                    title: None,
                    votes: Votes {
                        person: 0,
                        org: 0,
                        place: 3,
                    },
                    alias: None,
                    initial: false,
                });
            }
        }
        for (si, s) in d.sentences.iter().enumerate() {
            sentence_candidates(
                SentenceRef {
                    article: a,
                    sentence: si,
                },
                s.span.start,
                &s.text,
                &stats,
                &mut cands,
            );
        }
    }
    group_candidates(cands)
}

fn group_candidates(cands: Vec<Cand>) -> Vec<Entity> {
    // Distinct keys.
    let mut key_ix: FxHashMap<String, usize> = FxHashMap::default();
    let mut variants: Vec<Variant> = Vec::new();
    let mut cand_key: Vec<usize> = Vec::with_capacity(cands.len());
    for c in &cands {
        let words = key_words(&c.text);
        let key = words.join(" ");
        let ix = *key_ix.entry(key).or_insert_with(|| {
            variants.push(Variant {
                words: words.clone(),
                votes: Votes::default(),
                acronym: is_acronym(&c.text),
                inner: false,
            });
            variants.len() - 1
        });
        variants[ix].votes.add(&c.votes);
        variants[ix].inner |= !c.initial;
        cand_key.push(ix);
    }
    let n = variants.len();
    let mut dsu = Dsu((0..n).collect());
    // 1. Acronyms the text expands.
    for (ci, c) in cands.iter().enumerate() {
        if let Some(al) = &c.alias
            && let Some(&ai) = key_ix.get(&key_words(al).join(" "))
        {
            dsu.union(cand_key[ci], ai);
        }
    }
    // Buckets so that each merge rule compares only plausible pairs (a
    // long article may carry thousands of distinct names).
    let sig = |w: &str| -> String {
        if w.chars().count() >= 4 {
            let mut k: String = w.chars().take(1).collect();
            k.push_str(&skeleton(w));
            k
        } else {
            w.to_string()
        }
    };
    // 2. Transliterations of the same full name.
    let mut full: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (i, v) in variants.iter().enumerate() {
        if !v.acronym && v.words.len() >= 2 {
            let k: Vec<String> = v.words.iter().map(|w| sig(w)).collect();
            full.entry(k.join(" ")).or_default().push(i);
        }
    }
    let mut buckets: Vec<&Vec<usize>> = full.values().collect();
    buckets.sort();
    for bucket in buckets {
        for (x, &i) in bucket.iter().enumerate() {
            for &j in bucket.iter().skip(x + 1).take(50) {
                if words_match(&variants[i].words, &variants[j].words) {
                    dsu.union(i, j);
                }
            }
        }
    }
    // Kinds so far, for the suffix rule.
    let kind_of = |v: &Variant| v.votes.kind();
    // Longer names by the signature of their last word.
    let mut by_last: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (i, v) in variants.iter().enumerate() {
        if !v.acronym
            && v.words.len() >= 2
            && let Some(last) = v.words.last()
        {
            by_last.entry(sig(last)).or_default().push(i);
        }
    }
    // 3. Short forms: the suffix of exactly one longer name (after step 2).
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(variants[i].words.len()));
    for &i in &order {
        let v = &variants[i];
        if v.acronym || v.words.is_empty() {
            continue;
        }
        let mut targets: FxHashSet<usize> = FxHashSet::default();
        let last = v.words.last().map(|w| sig(w)).unwrap_or_default();
        for &j in by_last
            .get(&last)
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .take(200)
        {
            let l = &variants[j];
            if j == i || l.words.len() <= v.words.len() {
                continue;
            }
            let tail = &l.words[l.words.len() - v.words.len()..];
            if !words_match(tail, &v.words) {
                continue;
            }
            let lk = kind_of(l);
            let vk = kind_of(v);
            let ok = match lk {
                // A person, or a name of two words or more of no known kind.
                EntityKind::Person | EntityKind::Other
                    if lk == EntityKind::Person || (l.words.len() >= 2 && l.inner) =>
                {
                    !(matches!(vk, EntityKind::Place | EntityKind::Organization)
                        && v.votes.place.max(v.votes.org) >= 2)
                }
                EntityKind::Organization => {
                    // "State Department" in "US State Department": the
                    // longer form adds a place or acronym in front.
                    v.words.len() >= 2 && vk != EntityKind::Person && v.votes.place == 0
                }
                _ => false,
            };
            if ok {
                targets.insert(dsu.find(j));
            }
        }
        if targets.len() == 1 {
            let t = *targets.iter().next().unwrap_or(&i);
            dsu.union(i, t);
        }
    }
    // 3b. A one-word short form that ends no longer name but is another
    // word of exactly one person's name (see `short_form_elsewhere`).
    let mut by_word: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (j, l) in variants.iter().enumerate() {
        if l.acronym || l.words.len() < 2 {
            continue;
        }
        for w in &l.words {
            let e = by_word.entry(w.as_str()).or_default();
            if e.len() < 200 && e.last() != Some(&j) {
                e.push(j);
            }
        }
    }
    for (i, v) in variants.iter().enumerate() {
        if v.acronym || v.words.len() != 1 {
            continue;
        }
        let w = &v.words[0];
        let vk = kind_of(v);
        if PARTICLES.contains(&w.as_str())
            || w.chars().count() < 2
            || (matches!(vk, EntityKind::Place | EntityKind::Organization)
                && v.votes.place.max(v.votes.org) >= 2)
        {
            continue;
        }
        let holders = by_word.get(w.as_str()).map(Vec::as_slice).unwrap_or(&[]);
        // The last word of a longer name: the suffix rule decides.
        if holders.is_empty() || holders.iter().any(|&j| variants[j].words.last() == Some(w)) {
            continue;
        }
        let roots: FxHashSet<usize> = holders.iter().map(|&j| dsu.find(j)).collect();
        let ok = roots.len() == 1
            && holders.iter().all(|&j| {
                let l = &variants[j];
                kind_of(l) == EntityKind::Person && short_form_elsewhere(&l.words, w)
            });
        if ok && let Some(&j) = holders.first() {
            dsu.union(i, j);
        }
    }
    // 4. Acronyms: initials of a multi-word name, or a doubled / extended acronym.
    let mut by_initials: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (j, l) in variants.iter().enumerate() {
        if l.acronym || l.words.len() < 2 {
            continue;
        }
        let initials: String = l
            .words
            .iter()
            .filter(|w| !matches!(w.as_str(), "of" | "the" | "and" | "for"))
            .filter_map(|w| w.chars().next())
            .collect();
        by_initials.entry(initials).or_default().push(j);
    }
    let mut acronyms: FxHashMap<String, usize> = FxHashMap::default();
    for (i, v) in variants.iter().enumerate() {
        if v.acronym {
            acronyms.insert(v.words.join(""), i);
        }
    }
    for (i, v) in variants.iter().enumerate() {
        if !v.acronym {
            continue;
        }
        let acr = v.words.join("");
        let hits: FxHashSet<usize> = by_initials
            .get(&acr)
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .map(|&j| dsu.find(j))
            .collect();
        if hits.len() == 1 {
            let t = *hits.iter().next().unwrap_or(&i);
            dsu.union(i, t);
        }
        // "ABAB" doubles "AB"; a one-letter extension of a 3+ letter acronym.
        let chars: Vec<char> = acr.chars().collect();
        let half = chars.len() / 2;
        if chars.len() >= 4 && chars.len().is_multiple_of(2) && chars[..half] == chars[half..] {
            let a: String = chars[..half].iter().collect();
            if let Some(&j) = acronyms.get(&a) {
                dsu.union(i, j);
            }
        }
        if chars.len() >= 4 {
            let a: String = chars[..chars.len() - 1].iter().collect();
            if let Some(&j) = acronyms.get(&a) {
                dsu.union(i, j);
            }
        }
    }
    // Assemble entities in order of first mention.
    let mut ent_of_root: FxHashMap<usize, usize> = FxHashMap::default();
    struct Acc {
        mentions: Vec<Mention>,
        forms: Vec<(String, usize, bool, bool)>, // text, count, honorific, acronym
        titles: Vec<String>,
        votes: Votes,
        articles: FxHashSet<usize>,
    }
    let mut accs: Vec<Acc> = Vec::new();
    let mut root_votes: FxHashMap<usize, Votes> = FxHashMap::default();
    for (i, v) in variants.iter().enumerate() {
        let r = dsu.find(i);
        root_votes.entry(r).or_default().add(&v.votes);
    }
    for (ci, c) in cands.into_iter().enumerate() {
        let r = dsu.find(cand_key[ci]);
        let e = *ent_of_root.entry(r).or_insert_with(|| {
            accs.push(Acc {
                mentions: Vec::new(),
                forms: Vec::new(),
                titles: Vec::new(),
                votes: root_votes.get(&r).cloned().unwrap_or_default(),
                articles: FxHashSet::default(),
            });
            accs.len() - 1
        });
        let acc = &mut accs[e];
        acc.articles.insert(c.at.article);
        let acr = is_acronym(&c.text);
        for (form, hon) in [(Some(c.text.clone()), false), (c.honorific.clone(), true)] {
            let Some(form) = form else { continue };
            match acc.forms.iter_mut().find(|f| f.0 == form) {
                Some(f) => f.1 += 1,
                None => acc.forms.push((form, 1, hon, acr)),
            }
        }
        if let Some(t) = c.title
            && !acc.titles.contains(&t)
        {
            acc.titles.push(t);
        }
        acc.mentions.push(Mention {
            at: c.at,
            span: c.span,
            text: c.text,
        });
    }
    let mut out: Vec<Entity> = accs
        .into_iter()
        .map(|mut acc| {
            acc.mentions
                .sort_by_key(|m| (m.at, m.span.map(|s| s.start)));
            let canonical = acc
                .forms
                .iter()
                .enumerate()
                .filter(|(_, f)| !f.2)
                .max_by_key(|(i, f)| {
                    (
                        !f.3,
                        f.0.split(' ').count(),
                        !is_all_caps(&f.0),
                        f.1,
                        std::cmp::Reverse(*i),
                    )
                })
                .map(|(_, f)| f)
                .or(acc.forms.first())
                .map(|f| f.0.clone())
                .unwrap_or_default();
            let mut variants: Vec<String> = vec![canonical.clone()];
            for f in &acc.forms {
                if !variants.contains(&f.0) {
                    variants.push(f.0.clone());
                }
            }
            let mut articles: Vec<usize> = acc.articles.into_iter().collect();
            articles.sort_unstable();
            Entity {
                id: 0,
                canonical,
                kind: acc.votes.kind(),
                variants,
                titles: acc.titles,
                articles,
                mentions: acc.mentions,
            }
        })
        .collect();
    out.sort_by_key(|e| e.mentions.first().map(|m| m.at));
    for (i, e) in out.iter_mut().enumerate() {
        e.id = i;
    }
    out
}

/// Entity mentions by sentence: for each mention, (byte range in the
/// sentence text, entity id). Built once and shared by the other analyses.
#[derive(Debug, Default, Clone)]
pub struct MentionIndex {
    by_sentence: FxHashMap<SentenceRef, Vec<(usize, usize, usize)>>,
}

impl MentionIndex {
    /// Indexes the mentions of the entities, relative to sentence starts.
    pub fn new(corpus: &Corpus, entities: &[Entity]) -> Self {
        let mut by_sentence: FxHashMap<SentenceRef, Vec<(usize, usize, usize)>> =
            FxHashMap::default();
        for e in entities {
            for m in &e.mentions {
                let Some(sp) = m.span else { continue };
                let s = corpus.sentence(m.at);
                let st = sp.start.saturating_sub(s.span.start);
                by_sentence
                    .entry(m.at)
                    .or_default()
                    .push((st, st + sp.len(), e.id));
            }
        }
        for v in by_sentence.values_mut() {
            v.sort_unstable();
        }
        MentionIndex { by_sentence }
    }
    /// Mentions of a sentence: (start, end, entity id), in text order.
    pub fn of(&self, r: SentenceRef) -> &[(usize, usize, usize)] {
        self.by_sentence.get(&r).map(Vec::as_slice).unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests;

//! Words and stems.

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::{Arc, LazyLock};
use unicode_segmentation::UnicodeSegmentation;

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// Words of a text (Unicode word boundaries), in order, as slices of it.
/// Numbers such as "5,200" and "10/1" stay one word.
pub fn words(text: &str) -> Words<'_> {
    if text.is_ascii()
        || text
            .chars()
            .all(|c| c.is_ascii() || FAST_OTHER.contains(&c))
    {
        Words::Fast(FastWords { text, pos: 0 })
    } else {
        Words::Unicode(text.unicode_words())
    }
}

/// Non-ASCII characters common in news text that the fast word scanner
/// handles: dashes, ellipsis, bullets, currency and trademark signs, curly
/// quotes (UAX #29 class Other), and the curly apostrophes (MidNumLet).
const FAST_OTHER: &[char] = &['—', '–', '…', '•', '£', '€', '®', '™', '“', '”', '‘', '’'];

/// The iterator of [`words`].
pub enum Words<'a> {
    /// ASCII text, possibly with the characters of [`FAST_OTHER`].
    Fast(FastWords<'a>),
    /// Any other text.
    Unicode(unicode_segmentation::UnicodeWords<'a>),
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        match self {
            Words::Fast(w) => w.next(),
            Words::Unicode(w) => w.next(),
        }
    }
}

const WORD: u8 = 1;
const ALPHA: u8 = 2;
const DIGIT: u8 = 4;

/// Byte classes for the fast scanner.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphabetic() {
            WORD | ALPHA
        } else if c.is_ascii_digit() {
            WORD | DIGIT
        } else if c == b'_' {
            WORD
        } else {
            0
        };
        b += 1;
    }
    t
};

/// Unicode word boundaries (UAX #29) restricted to ASCII and the characters
/// of [`FAST_OTHER`], where they reduce to: letters, digits and `_` form
/// words; `.`, `'`, `‘` and `’` join two letters or two digits, `:` two
/// letters, `,` and `;` two digits. Hand-written because word segmentation
/// is the hottest loop of the text stage and such text is the common case;
/// `fast_words_match_unicode_segmentation` checks it against the general
/// implementation.
pub struct FastWords<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for FastWords<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        let b = self.text.as_bytes();
        let class = |i: usize| CLASS[b[i] as usize];
        loop {
            while self.pos < b.len() && class(self.pos) & WORD == 0 {
                self.pos += 1;
            }
            if self.pos >= b.len() {
                return None;
            }
            let start = self.pos;
            let mut i = start;
            let mut has_alnum = false;
            loop {
                while i < b.len() && class(i) & WORD != 0 {
                    has_alnum |= class(i) & (ALPHA | DIGIT) != 0;
                    i += 1;
                }
                if i >= b.len() {
                    break;
                }
                // A joining character between two letters or two digits.
                let (width, joins) = match b[i] {
                    b'.' | b'\'' => (1, ALPHA | DIGIT),
                    b':' => (1, ALPHA),
                    b',' | b';' => (1, DIGIT),
                    0xE2 if b.get(i + 1) == Some(&0x80)
                        && matches!(b.get(i + 2), Some(0x98 | 0x99)) =>
                    {
                        (3, ALPHA | DIGIT)
                    }
                    _ => (0, 0),
                };
                if width > 0 && i + width < b.len() {
                    let shared = class(i - 1) & class(i + width) & joins;
                    if shared != 0 {
                        i += width;
                        continue;
                    }
                }
                break;
            }
            self.pos = i;
            if has_alnum {
                return Some(&self.text[start..i]);
            }
        }
    }
}

/// Lower-cases a word and folds typographic apostrophes, so that "Kenya’s"
/// and "Kenya's" are the same word; a possessive "'s" is removed.
pub fn normalize_word(w: &str) -> String {
    let mut s = String::with_capacity(w.len());
    normalize_into(w, &mut s);
    s
}

/// [`normalize_word`] into a reusable buffer.
fn normalize_into(w: &str, s: &mut String) {
    s.clear();
    if w.is_ascii() {
        s.push_str(w);
        s.make_ascii_lowercase();
    } else {
        s.extend(
            w.chars()
                .map(|c| if c == '’' || c == '‘' { '\'' } else { c })
                .flat_map(char::to_lowercase),
        );
    }
    if s.ends_with("'s") {
        s.truncate(s.len() - 2);
    } else if s.ends_with('\'') {
        s.pop();
    }
}

thread_local! {
    /// Stems already computed on this thread: news vocabulary repeats, and
    /// Snowball costs far more than a hash lookup. Shared strings, so that a
    /// known word costs no allocation.
    static STEM_CACHE: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, Arc<str>>> =
        std::cell::RefCell::new(rustc_hash::FxHashMap::default());
}

/// Bound on the per-thread stem cache (entries); it is cleared when full.
const STEM_CACHE_MAX: usize = 200_000;

/// The stem of a normalized word, shared through the per-thread cache.
pub(crate) fn stem_shared(w: &str) -> Arc<str> {
    STEM_CACHE.with(|c| {
        let mut cache = c.borrow_mut();
        if let Some(s) = cache.get(w) {
            return Arc::clone(s);
        }
        let s: Arc<str> = STEMMER.stem(w).into();
        if cache.len() >= STEM_CACHE_MAX {
            cache.clear();
        }
        cache.insert(w.into(), Arc::clone(&s));
        s
    })
}

/// The Snowball (Porter2) English stem of a normalized word.
pub fn stem(w: &str) -> String {
    stem_shared(w).to_string()
}

/// Stems of the content words of a text: stop words and one-letter words
/// removed, numbers kept.
pub fn content_stems(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    content_stems_shared(text, &mut out);
    out.into_iter().map(|s| s.to_string()).collect()
}

/// [`content_stems`] as shared strings, appended to `out`.
pub(crate) fn content_stems_shared(text: &str, out: &mut Vec<Arc<str>>) {
    let mut buf = String::new();
    for w in words(text) {
        normalize_into(w, &mut buf);
        if buf.chars().nth(1).is_some() && !super::is_stop_word(&buf) {
            out.push(stem_shared(&buf));
        }
    }
}

/// Words of a text as [`count_words`] counts them for budgets:
/// whitespace-separated tokens with at least one letter or digit (a lone
/// quote mark or dash, as in spaced punctuation, is not a word).
pub fn count_words(s: &str) -> usize {
    // One pass, no splitting: the budget is checked for every sentence.
    let mut n = 0;
    let mut has = false;
    if s.is_ascii() {
        for &b in s.as_bytes() {
            // `char::is_whitespace` on ASCII (vertical tab included).
            if matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r') {
                n += usize::from(has);
                has = false;
            } else if b.is_ascii_alphanumeric() {
                has = true;
            }
        }
    } else {
        for c in s.chars() {
            if c.is_whitespace() {
                n += usize::from(has);
                has = false;
            } else if !has && c.is_alphanumeric() {
                has = true;
            }
        }
    }
    n + usize::from(has)
}

/// A whitespace-separated token that counts as a word (has a letter or digit).
pub fn is_budget_word(w: &str) -> bool {
    if w.is_ascii() {
        w.bytes().any(|b| b.is_ascii_alphanumeric())
    } else {
        w.chars().any(char::is_alphanumeric)
    }
}

/// No content stem: a stop word, a one-letter word.
pub(crate) const NO_STEM: u32 = u32::MAX;

/// What the lexicon knows of one surface word (a Unicode word of the text).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry {
    /// Its content stem (an id of [`Lexicon::string`]), or [`NO_STEM`].
    pub stem: u32,
    /// Where its ROUGE-style words start in the lexicon's flat list.
    keys_start: u32,
    /// How many there are.
    keys_len: u32,
}

/// Bound on a thread's lexicon (surface words); it starts afresh when a
/// build begins above it, so that a long stream of new names and numbers
/// does not grow memory without end.
const LEXICON_MAX: usize = 1 << 20;

/// Per-thread interning of surface words: each is analyzed once (normalized,
/// stop word or not, Snowball stem, ROUGE-style words) and later
/// occurrences cost one hash lookup and no allocation. Ids are valid only
/// while one [`super::Corpus`] is built (the lexicon may be reset between
/// builds).
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    surface: rustc_hash::FxHashMap<Box<str>, u32>,
    entries: Vec<Entry>,
    keys: Vec<u32>,
    strings: Vec<Arc<str>>,
    string_ids: rustc_hash::FxHashMap<Arc<str>, u32>,
    buf: String,
}

impl Lexicon {
    /// Empties the lexicon when it has grown past its bound.
    pub(crate) fn bound(&mut self) {
        if self.surface.len() > LEXICON_MAX || self.strings.len() > 2 * LEXICON_MAX {
            *self = Lexicon::default();
        }
    }

    /// Number of interned strings (stems and ROUGE-style words).
    pub(crate) fn strings_len(&self) -> usize {
        self.strings.len()
    }

    /// An interned string.
    pub(crate) fn string(&self, id: u32) -> &Arc<str> {
        &self.strings[id as usize]
    }

    /// The ROUGE-style words of an entry.
    pub(crate) fn keys(&self, e: Entry) -> &[u32] {
        &self.keys[e.keys_start as usize..(e.keys_start + e.keys_len) as usize]
    }

    fn intern(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.string_ids.get(s) {
            return id;
        }
        let id = self.strings.len() as u32;
        let a: Arc<str> = s.into();
        self.strings.push(Arc::clone(&a));
        self.string_ids.insert(a, id);
        id
    }

    /// The entry of a surface word, analyzing it when new.
    pub(crate) fn entry(&mut self, w: &str) -> Entry {
        if let Some(&i) = self.surface.get(w) {
            return self.entries[i as usize];
        }
        let mut buf = std::mem::take(&mut self.buf);
        normalize_into(w, &mut buf);
        let stem = if buf.chars().nth(1).is_some() && !super::is_stop_word(&buf) {
            let s = stem_shared(&buf);
            self.intern(&s)
        } else {
            NO_STEM
        };
        // ROUGE-style words: runs of letters and digits, lower-cased,
        // stemmed when longer than 3 characters (as the scorers tokenize).
        let keys_start = self.keys.len() as u32;
        for piece in w.split(|c: char| !c.is_alphanumeric()) {
            if piece.is_empty() {
                continue;
            }
            buf.clear();
            buf.extend(piece.chars().flat_map(char::to_lowercase));
            let id = if buf.chars().nth(3).is_some() {
                let s = stem_shared(&buf);
                self.intern(&s)
            } else {
                self.intern(&buf)
            };
            self.keys.push(id);
        }
        self.buf = buf;
        let e = Entry {
            stem,
            keys_start,
            keys_len: self.keys.len() as u32 - keys_start,
        };
        self.surface.insert(w.into(), self.entries.len() as u32);
        self.entries.push(e);
        e
    }
}

thread_local! {
    static LEXICON: std::cell::RefCell<Lexicon> = std::cell::RefCell::new(Lexicon::default());
}

/// Runs `f` with this thread's lexicon.
pub(crate) fn with_lexicon<R>(f: impl FnOnce(&mut Lexicon) -> R) -> R {
    LEXICON.with(|l| f(&mut l.borrow_mut()))
}

/// A double quotation mark of any convention: straight, curly, guillemets,
/// low-high ("“”«»„).
pub fn is_double_quote_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»' | '„')
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn fast_words_match_unicode_segmentation(s in "[a-cA-C0-2_ .,;:'\"!?()\t\n\r\u{0b}\u{0c}—–…•£€®™“”‘’-]{0,40}") {
            let fast: Vec<&str> = words(&s).collect();
            let general: Vec<&str> = s.unicode_words().collect();
            proptest::prop_assert_eq!(fast, general);
        }

        #[test]
        fn count_words_matches_its_definition(s in "[a-z1 \t\n\u{0b}\u{0c}\r.,'\u{2019}\u{a0}\u{3000}é-]{0,40}") {
            let expected = s.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
            proptest::prop_assert_eq!(count_words(&s), expected);
        }
    }

    #[test]
    fn numbers_and_apostrophes() {
        let w: Vec<&str> = words("Kenya’s 1,200 troops on 10/1.").collect();
        assert_eq!(w, vec!["Kenya’s", "1,200", "troops", "on", "10", "1"]);
        assert_eq!(normalize_word("Kenya’s"), "kenya");
        assert_eq!(
            content_stems("The troops were withdrawing"),
            vec!["troop", "withdraw"]
        );
    }
}

//! Words and stems.

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::{Arc, LazyLock};
use unicode_segmentation::UnicodeSegmentation;

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// Words of a text (Unicode word boundaries), in order, as slices of it.
/// Numbers such as "5,200" and "10/1" stay one word.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.unicode_words()
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

#[cfg(test)]
mod tests {
    use super::*;

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

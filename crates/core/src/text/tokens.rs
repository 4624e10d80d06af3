//! Words and stems.

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::LazyLock;
use unicode_segmentation::UnicodeSegmentation;

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// Words of a text (Unicode word boundaries), in order, as slices of it.
/// Numbers such as "5,200" and "10/1" stay one word.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.unicode_words()
}

/// Lower-cases a word and folds typographic apostrophes, so that "Iraq’s"
/// and "Iraq's" are the same word; a possessive "'s" is removed.
pub fn normalize_word(w: &str) -> String {
    let mut s: String = w
        .chars()
        .map(|c| if c == '’' || c == '‘' { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect();
    if s.ends_with("'s") {
        s.truncate(s.len() - 2);
    } else if s.ends_with('\'') {
        s.pop();
    }
    s
}

/// Entries a thread's stem cache may hold before it is cleared (bounds memory
/// on endless streams while keeping the hit rate of news vocabulary high).
const STEM_CACHE_MAX: usize = 200_000;

thread_local! {
    static STEM_CACHE: std::cell::RefCell<rustc_hash::FxHashMap<String, String>> =
        std::cell::RefCell::new(rustc_hash::FxHashMap::default());
}

/// The Snowball (Porter2) English stem of a normalized word (memoized per
/// thread: stemming is the hot spot of the text stage).
pub fn stem(w: &str) -> String {
    STEM_CACHE.with(|c| {
        let mut cache = c.borrow_mut();
        if let Some(s) = cache.get(w) {
            return s.clone();
        }
        if cache.len() >= STEM_CACHE_MAX {
            cache.clear();
        }
        let s = STEMMER.stem(w).into_owned();
        cache.insert(w.to_string(), s.clone());
        s
    })
}

/// Stems of the content words of a text: stop words and one-letter words
/// removed, numbers kept.
pub fn content_stems(text: &str) -> Vec<String> {
    words(text)
        .map(normalize_word)
        .filter(|w| w.chars().count() > 1 && !super::is_stop_word(w))
        .map(|w| stem(&w))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_apostrophes() {
        let w: Vec<&str> = words("Iraq’s 5,200 troops on 10/1.").collect();
        assert_eq!(w, vec!["Iraq’s", "5,200", "troops", "on", "10", "1"]);
        assert_eq!(normalize_word("Iraq’s"), "iraq");
        assert_eq!(
            content_stems("The troops were withdrawing"),
            vec!["troop", "withdraw"]
        );
    }
}

//! What the clusterer sees of an article: hashed content stems with their
//! (sublinear) term frequencies, capitalized name spans as entities, and
//! the publication time. Computed independently per article, so it runs
//! in parallel; the weights that depend on the stream (IDF) are applied by
//! the clusterer.

use crate::dedup::minhash::fnv1a;
use crate::model::Article;
use crate::text::{is_stop_word, normalize_word, stem};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::sync::Arc;

/// Entity features carry this bit, term features do not.
pub const ENTITY_BIT: u32 = 0x8000_0000;

/// Weight of a headline word's own feature ([`headline_id`]).
pub const HEADLINE_WEIGHT: f32 = 0.5;

/// How many content words of an article are read (title and lead first):
/// the lead says what the story is; the tail adds cost, not signal.
pub const MAX_WORDS: usize = 400;

/// The clustering features of one article. Serializable, so that they can
/// be computed on one machine and clustered on another (the Ray backfill).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Features {
    /// (feature, 1 + ln tf), sorted by feature. Terms are stems hashed to 31
    /// bits; entities have [`ENTITY_BIT`] set.
    pub terms: Vec<(u32, f32)>,
    /// The text of each feature (stem or lower-cased name), for key terms.
    pub labels: FxHashMap<u32, Arc<str>>,
    /// Publication time in minutes since 1970-01-01, when known.
    pub time: Option<i64>,
}

fn term_id(s: &str) -> u32 {
    let h = fnv1a(s.as_bytes());
    ((h ^ (h >> 32)) as u32) & !ENTITY_BIT
}

/// The feature of a term when it is a word of the headline: headlines say
/// what the event is, so two articles whose headlines share words are
/// closer than the same words anywhere in their texts make them.
pub fn headline_id(term: u32) -> u32 {
    (term.wrapping_mul(0x9e37_79b1) ^ 0x5bd1_e995) & !ENTITY_BIT
}

/// True when a title reads as a headline, not as a sentence standing in for
/// one (the cleaner makes a record's first sentence its title when it has
/// none): a headline does not end as a sentence does.
fn is_headline(title: &str) -> bool {
    let t = title.trim_end();
    !t.is_empty() && !t.ends_with(['.', '!', '?', '…', '"', '\u{201D}'])
}

fn entity_id(s: &str) -> u32 {
    let h = fnv1a(s.as_bytes());
    ((h ^ (h >> 32)) as u32) | ENTITY_BIT
}

/// Words seen before, per thread: the raw word → its term id and stem,
/// or `None` for stop words. Stemming is the costliest step of the stream,
/// and news repeats its vocabulary, so this saves most of it. Cleared when
/// it grows past [`CACHE_LIMIT`], to keep memory bounded.
type WordCache = FxHashMap<String, Option<(u32, Arc<str>)>>;
const CACHE_LIMIT: usize = 200_000;
thread_local! {
    static WORDS: RefCell<WordCache> = RefCell::new(FxHashMap::default());
}

fn term_of(cache: &mut WordCache, w: &str) -> Option<(u32, Arc<str>)> {
    if let Some(t) = cache.get(w) {
        return t.clone();
    }
    let n = normalize_word(w);
    let t = if n.chars().count() < 2 || is_stop_word(&n) {
        None
    } else {
        let s = stem(&n);
        Some((term_id(&s), Arc::from(s)))
    };
    if cache.len() >= CACHE_LIMIT {
        cache.clear();
    }
    cache.insert(w.to_string(), t.clone());
    t
}

/// Minutes since the epoch of an article's publication time.
pub fn minutes(article: &Article) -> Option<i64> {
    let p = article.published.as_ref()?;
    let t = p.time.unwrap_or_default();
    Some(p.date.and_time(t).and_utc().timestamp() / 60)
}

/// Capitalized word sequences that do not start a sentence ("the Federal
/// Reserve said" → "federal reserve"): a cheap stand-in for named
/// entities. A capitalized word at a sentence start only counts when it is
/// part of a longer span.
pub fn name_spans(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut span: Vec<String> = Vec::new();
    let mut span_at_start = false;
    let mut sentence_start = true;
    let flush = |span: &mut Vec<String>, at_start: bool, out: &mut Vec<String>| {
        // Drop leading function words ("The", "In").
        while span.first().is_some_and(|w| is_stop_word(w)) {
            span.remove(0);
        }
        if !span.is_empty() && (!at_start || span.len() > 1) {
            out.push(span.join(" "));
        }
        span.clear();
    };
    for tok in text.split_whitespace() {
        let word = tok.trim_matches(|c: char| !c.is_alphanumeric());
        let capital = word.chars().next().is_some_and(char::is_uppercase) && word.len() > 1;
        if capital {
            if span.is_empty() {
                span_at_start = sentence_start;
            }
            span.push(normalize_word(word));
        } else {
            flush(&mut span, span_at_start, &mut out);
        }
        let ends_clause = tok.ends_with([',', ';', ':', ')', '"', '”']);
        sentence_start = tok.ends_with(['.', '!', '?', ':', '"', '”']) || word.is_empty();
        if sentence_start || ends_clause {
            flush(&mut span, span_at_start, &mut out);
        }
    }
    flush(&mut span, span_at_start, &mut out);
    out
}

/// True when most words of a line that could be capitalized are: a
/// headline written in title case.
fn title_case(text: &str) -> bool {
    let (mut caps, mut words) = (0, 0);
    for w in text.split_whitespace() {
        let Some(c) = w.chars().find(|c| c.is_alphabetic()) else {
            continue;
        };
        if w.chars().count() > 3 {
            words += 1;
            caps += usize::from(c.is_uppercase());
        }
    }
    words >= 3 && caps * 4 >= words * 3
}

/// The features of an article: its title counts twice, then standfirst and
/// body up to [`MAX_WORDS`] content words. The words of a headline also
/// count as features of their own ([`headline_id`], [`HEADLINE_WEIGHT`]).
pub fn features(article: &Article) -> Features {
    let mut tf: FxHashMap<u32, f32> = FxHashMap::default();
    let mut labels: FxHashMap<u32, Arc<str>> = FxHashMap::default();
    let mut budget = MAX_WORDS;
    let texts = [
        (article.title.as_str(), 2.0f32, true),
        (article.standfirst.as_deref().unwrap_or(""), 1.0, false),
        (article.body.as_str(), 1.0, false),
    ];
    let headline = is_headline(&article.title);
    WORDS.with_borrow_mut(|cache| {
        for (text, weight, is_title) in texts {
            let mut end = text.len();
            for w in crate::text::words(text) {
                if budget == 0 {
                    // Names are read from the same part of the text.
                    end = w.as_ptr() as usize - text.as_ptr() as usize;
                    break;
                }
                let Some((id, s)) = term_of(cache, w) else {
                    continue;
                };
                budget -= 1;
                *tf.entry(id).or_default() += weight;
                if is_title && headline {
                    *tf.entry(headline_id(id)).or_default() += HEADLINE_WEIGHT;
                }
                labels.entry(id).or_insert(s);
            }
            // A headline in title case ("Biden Pushes Carbon Plan") has a
            // capital on every word: its capitals say nothing about names.
            if is_title && title_case(text) {
                continue;
            }
            for name in name_spans(&text[..end]) {
                let id = entity_id(&name);
                *tf.entry(id).or_default() += weight;
                labels.entry(id).or_insert_with(|| Arc::from(name));
            }
        }
    });
    let mut terms: Vec<(u32, f32)> = tf.into_iter().map(|(t, n)| (t, 1.0 + n.ln())).collect();
    terms.sort_unstable_by_key(|t| t.0);
    Features {
        terms,
        labels,
        time: minutes(article),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_inside_sentences_are_found() {
        let n = name_spans(
            "The Federal Reserve raised rates on Tuesday. Officials in New York said \
             the move was expected, according to Jane Smith.",
        );
        assert_eq!(
            n,
            vec!["federal reserve", "tuesday", "new york", "jane smith"]
        );
    }

    #[test]
    fn a_capitalized_sentence_start_alone_is_not_a_name() {
        assert!(name_spans("Officials said nothing. Markets fell.").is_empty());
    }

    #[test]
    fn headline_words_are_features_of_their_own() {
        let mut a = crate::clean::clean(&crate::ingest::RawDoc::text(
            "a.txt",
            "Judge strikes down eviction ban\n\nA federal judge struck down the national \
             eviction moratorium on Wednesday, ruling that the agency exceeded its authority.\n",
        ));
        let evict = term_id(&stem("eviction"));
        let has = |f: &Features, t: u32| f.terms.iter().any(|x| x.0 == t);
        let f = features(&a);
        assert!(has(&f, evict) && has(&f, headline_id(evict)));
        // A word of the body only is no headline feature.
        let agency = term_id(&stem("agency"));
        assert!(has(&f, agency) && !has(&f, headline_id(agency)));
        // A first sentence standing in for a title is not a headline.
        a.title = "A federal judge struck down the eviction ban.".to_string();
        let f = features(&a);
        assert!(has(&f, evict) && !has(&f, headline_id(evict)));
        assert_eq!(headline_id(evict) & ENTITY_BIT, 0);
    }

    #[test]
    fn title_words_weigh_more_and_features_are_sorted() {
        let a = crate::clean::clean(&crate::ingest::RawDoc::text(
            "a.txt",
            "Storm closes port\n\nA storm closed the port on Monday, officials said.\n",
        ));
        let f = features(&a);
        assert!(f.terms.windows(2).all(|w| w[0].0 < w[1].0));
        let storm = f
            .terms
            .iter()
            .find(|t| t.0 == term_id("storm"))
            .expect("storm");
        let offici = f
            .terms
            .iter()
            .find(|t| t.0 == term_id("offici"))
            .expect("official");
        assert!(storm.1 > offici.1);
        assert_eq!(&*f.labels[&storm.0], "storm");
    }
}

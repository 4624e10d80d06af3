//! A story's text, ready for the analysis stages: each article with its
//! sentences and, per sentence, the interned ids of its content stems and
//! of all its words (stop words included, as ROUGE counts them).

use super::split_sentences;
use super::tokens::{Lexicon, NO_STEM, count_words, with_lexicon, words};
use crate::model::{Article, Sentence, SentenceRef};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::sync::{Arc, OnceLock};

/// Interned strings: id ↔ string, for one corpus. The strings are shared
/// with the thread's lexicon (no copy per corpus); the reverse index is
/// built on first use.
#[derive(Debug, Default, Clone)]
pub struct Vocab {
    ids: OnceLock<FxHashMap<Arc<str>, u32>>,
    terms: Vec<Arc<str>>,
}

impl Vocab {
    fn index(&self) -> &FxHashMap<Arc<str>, u32> {
        self.ids.get_or_init(|| {
            self.terms
                .iter()
                .enumerate()
                .map(|(i, t)| (Arc::clone(t), i as u32))
                .collect()
        })
    }
    /// The id of a term, adding it if new.
    pub fn intern(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.index().get(term) {
            return id;
        }
        let id = self.terms.len() as u32;
        let t: Arc<str> = term.into();
        self.terms.push(Arc::clone(&t));
        if let Some(ids) = self.ids.get_mut() {
            ids.insert(t, id);
        }
        id
    }
    /// Appends a term known to be new (the build's own bookkeeping
    /// guarantees it), without touching the reverse index.
    fn push_new(&mut self, term: &Arc<str>) -> u32 {
        let id = self.terms.len() as u32;
        self.terms.push(Arc::clone(term));
        if self.ids.get().is_some() {
            self.ids = OnceLock::new();
        }
        id
    }
    /// The id of a known term.
    pub fn get(&self, term: &str) -> Option<u32> {
        self.index().get(term).copied()
    }
    /// The term of an id.
    pub fn term(&self, id: u32) -> &str {
        &self.terms[id as usize]
    }
    /// Number of distinct terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }
    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// One article with its sentences and their term ids.
#[derive(Debug, Clone)]
pub struct Doc {
    /// The article.
    pub article: Article,
    /// Its sentences.
    pub sentences: Vec<Sentence>,
    /// Per sentence, the content stems as term ids (in text order, repeats kept).
    pub terms: Vec<Vec<u32>>,
    /// Per sentence, every word as ROUGE tokenizes it (runs of letters and
    /// digits, lower-cased, Snowball-stemmed when longer than 3 characters;
    /// stop words kept), as ids of [`Corpus::words`], in text order.
    pub words: Vec<Vec<u32>>,
    /// Per sentence, its length in budget words ([`count_words`]).
    pub lengths: Vec<usize>,
}

/// The articles of one story, split and tokenized.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// The documents, in story order.
    pub docs: Vec<Doc>,
    /// The vocabulary of all their terms (content stems).
    pub vocab: Vocab,
    /// The vocabulary of all their words (ROUGE-style, stop words included).
    pub words: Vocab,
}

/// Maps lexicon string ids to corpus ids during one build: a slot per
/// string, stamped with the build it was set in, so nothing is cleared
/// between builds.
#[derive(Default)]
struct LocalIds {
    slots: Vec<(u32, u32)>,
    stamp: u32,
}

impl LocalIds {
    fn start(&mut self, n: usize) {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.slots.clear();
            self.stamp = 1;
        }
        if self.slots.len() < n {
            self.slots.resize(n, (0, 0));
        }
    }
    fn get(&mut self, lex: &Lexicon, id: u32, vocab: &mut Vocab) -> u32 {
        let i = id as usize;
        if i >= self.slots.len() {
            self.slots.resize(i + 1, (0, 0));
        }
        let slot = &mut self.slots[i];
        if slot.0 == self.stamp {
            return slot.1;
        }
        let local = vocab.push_new(lex.string(id));
        *slot = (self.stamp, local);
        local
    }
}

thread_local! {
    static LOCAL_IDS: std::cell::RefCell<(LocalIds, LocalIds)> =
        std::cell::RefCell::new((LocalIds::default(), LocalIds::default()));
}

impl Corpus {
    /// Splits articles into sentences (in parallel), then tokenizes them
    /// through this thread's lexicon: every distinct word is analyzed once.
    pub fn build(articles: Vec<Article>) -> Corpus {
        type Prepared = (Article, Vec<Sentence>);
        let prepare = |a: Article| -> Prepared {
            let sentences = split_sentences(&a);
            (a, sentences)
        };
        // Small stories are not worth the threads' overhead.
        let prepared: Vec<Prepared> = if articles.len() > 2 {
            articles.into_par_iter().map(prepare).collect()
        } else {
            articles.into_iter().map(prepare).collect()
        };
        let mut vocab = Vocab::default();
        let mut word_vocab = Vocab::default();
        let docs = with_lexicon(|lex| {
            lex.bound();
            LOCAL_IDS.with(|ids| {
                let (term_ids, word_ids) = &mut *ids.borrow_mut();
                term_ids.start(lex.strings_len());
                word_ids.start(lex.strings_len());
                // Ids are gathered in reused buffers and copied out at their
                // exact size: one allocation per list instead of a growing
                // vector's several (allocation was a sixth of the build).
                let (mut t, mut w) = (Vec::new(), Vec::new());
                prepared
                    .into_iter()
                    .map(|(article, sentences)| {
                        let n = sentences.len();
                        let mut terms = Vec::with_capacity(n);
                        let mut words_of = Vec::with_capacity(n);
                        let mut lengths = Vec::with_capacity(n);
                        for s in &sentences {
                            t.clear();
                            w.clear();
                            for word in words(&s.text) {
                                let e = lex.entry(word);
                                if e.stem != NO_STEM {
                                    t.push(term_ids.get(lex, e.stem, &mut vocab));
                                }
                                for &k in lex.keys(e) {
                                    w.push(word_ids.get(lex, k, &mut word_vocab));
                                }
                            }
                            terms.push(t.to_vec());
                            words_of.push(w.to_vec());
                            lengths.push(count_words(&s.text));
                        }
                        Doc {
                            article,
                            sentences,
                            terms,
                            words: words_of,
                            lengths,
                        }
                    })
                    .collect()
            })
        });
        Corpus {
            docs,
            vocab,
            words: word_vocab,
        }
    }

    /// A sentence by reference.
    pub fn sentence(&self, r: SentenceRef) -> &Sentence {
        &self.docs[r.article].sentences[r.sentence]
    }

    /// The term ids of a sentence.
    pub fn terms(&self, r: SentenceRef) -> &[u32] {
        &self.docs[r.article].terms[r.sentence]
    }

    /// The words of a sentence (ROUGE-style, stop words included), as ids of
    /// [`Corpus::words`].
    pub fn words_of(&self, r: SentenceRef) -> &[u32] {
        &self.docs[r.article].words[r.sentence]
    }

    /// The words of a sentence (as [`Corpus::words_of`]) that lie outside
    /// the given byte ranges of its text: the words of a compressed
    /// sentence, a subsequence of the sentence's own.
    pub fn words_outside(&self, r: SentenceRef, dropped: &[crate::model::Span]) -> Vec<u32> {
        let text = &self.sentence(r).text;
        let ids = self.words_of(r);
        with_lexicon(|lex| {
            let mut out = Vec::with_capacity(ids.len());
            let mut k = 0;
            for word in words(text) {
                // The word is a slice of the text: its offset.
                let start = word.as_ptr() as usize - text.as_ptr() as usize;
                let end = start + word.len();
                let e = lex.entry(word);
                let n = lex.keys(e).len();
                let kept = !dropped.iter().any(|d| start < d.end && d.start < end);
                if kept && let Some(these) = ids.get(k..k + n) {
                    out.extend_from_slice(these);
                }
                k += n;
            }
            out
        })
    }

    /// The length of a sentence in budget words ([`count_words`]).
    pub fn length(&self, r: SentenceRef) -> usize {
        self.docs[r.article].lengths[r.sentence]
    }

    /// Every sentence reference, article by article.
    pub fn refs(&self) -> impl Iterator<Item = SentenceRef> + '_ {
        self.docs.iter().enumerate().flat_map(|(a, d)| {
            (0..d.sentences.len()).map(move |s| SentenceRef {
                article: a,
                sentence: s,
            })
        })
    }

    /// Total number of sentences.
    pub fn sentence_count(&self) -> usize {
        self.docs.iter().map(|d| d.sentences.len()).sum()
    }
}

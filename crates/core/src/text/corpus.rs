//! A story's text, ready for the analysis stages: each article with its
//! sentences and, per sentence, the interned ids of its content stems.

use super::split_sentences;
use super::tokens::content_stems_shared;
use crate::model::{Article, Sentence, SentenceRef};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// Interned stems: id ↔ string, for one corpus.
#[derive(Debug, Default, Clone)]
pub struct Vocab {
    ids: FxHashMap<String, u32>,
    terms: Vec<String>,
}

impl Vocab {
    /// The id of a term, adding it if new.
    pub fn intern(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = self.terms.len() as u32;
        self.terms.push(term.to_string());
        self.ids.insert(term.to_string(), id);
        id
    }
    /// The id of a known term.
    pub fn get(&self, term: &str) -> Option<u32> {
        self.ids.get(term).copied()
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
}

/// The articles of one story, split and tokenized.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// The documents, in story order.
    pub docs: Vec<Doc>,
    /// The vocabulary of all their terms.
    pub vocab: Vocab,
}

impl Corpus {
    /// Splits and tokenizes articles (in parallel), then interns their terms.
    pub fn build(articles: Vec<Article>) -> Corpus {
        type Prepared = (Article, Vec<Sentence>, Vec<Vec<Arc<str>>>);
        let prepare = |a: Article| -> Prepared {
            let sentences = split_sentences(&a);
            let stems = sentences
                .iter()
                .map(|s| {
                    let mut v = Vec::new();
                    content_stems_shared(&s.text, &mut v);
                    v
                })
                .collect();
            (a, sentences, stems)
        };
        // Small stories are not worth the threads' overhead.
        let prepared: Vec<Prepared> = if articles.len() > 2 {
            articles.into_par_iter().map(prepare).collect()
        } else {
            articles.into_iter().map(prepare).collect()
        };
        let mut vocab = Vocab::default();
        let docs = prepared
            .into_iter()
            .map(|(article, sentences, stems)| {
                let terms = stems
                    .iter()
                    .map(|ss| ss.iter().map(|s| vocab.intern(s)).collect())
                    .collect();
                Doc {
                    article,
                    sentences,
                    terms,
                }
            })
            .collect();
        Corpus { docs, vocab }
    }

    /// A sentence by reference.
    pub fn sentence(&self, r: SentenceRef) -> &Sentence {
        &self.docs[r.article].sentences[r.sentence]
    }

    /// The term ids of a sentence.
    pub fn terms(&self, r: SentenceRef) -> &[u32] {
        &self.docs[r.article].terms[r.sentence]
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

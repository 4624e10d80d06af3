//! Assembles a [`Digest`] from the articles of one story: runs `text`,
//! `dedup`, `analyze` and `summarize` and ties every summary sentence to
//! the source sentences that carry it.

use crate::analyze::analyze;
use crate::clean::infer_missing_dates;
use crate::dedup::{DedupConfig, SentenceGroups, near_duplicate_sentences};
use crate::model::{Article, Citation, Digest, SentenceRef, SourceInfo, Span, SummarySentence};
use crate::summarize::{Budget, Method, SummaryInput, reading_order};
use crate::text::Corpus;
use crate::{Error, Result};

/// Version of the digest JSON layout.
pub const SCHEMA_VERSION: u32 = 1;

/// Settings for building a digest.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DigestConfig {
    /// Summary word budget (whole sentences).
    pub words: usize,
    /// Summarization method.
    pub method: Method,
    /// Near-duplicate thresholds.
    pub dedup: DedupConfig,
}

impl Default for DigestConfig {
    fn default() -> Self {
        DigestConfig {
            words: 100,
            method: Method::default(),
            dedup: DedupConfig::default(),
        }
    }
}

/// Builds the digest of articles that tell one story.
pub fn build_digest(mut articles: Vec<Article>, cfg: &DigestConfig) -> Result<Digest> {
    articles.retain(|a| !a.body.trim().is_empty());
    if articles.is_empty() {
        return Err(Error::NoArticles);
    }
    infer_missing_dates(&mut articles);
    let corpus = Corpus::build(articles);
    let groups = near_duplicate_sentences(&corpus, &cfg.dedup);
    Ok(digest_of_corpus(&corpus, &groups, cfg))
}

/// Builds the digest from an already prepared corpus and its groups.
pub fn digest_of_corpus(corpus: &Corpus, groups: &SentenceGroups, cfg: &DigestConfig) -> Digest {
    let input = SummaryInput { corpus, groups };
    let mut picked = cfg
        .method
        .summarizer()
        .select(input, Budget::whole(cfg.words));
    let headline = picked
        .first()
        .map(|r| corpus.docs[r.article].article.title.clone())
        .unwrap_or_else(|| corpus.docs[0].article.title.clone());
    reading_order(corpus, &mut picked);
    let summary = picked
        .iter()
        .map(|&r| summary_sentence(corpus, groups, r))
        .collect();
    let sources = corpus
        .docs
        .iter()
        .enumerate()
        .map(|(i, d)| SourceInfo {
            number: i + 1,
            id: d.article.id.clone(),
            outlet: d.article.source.clone(),
            path: d.article.path.clone(),
            title: d.article.title.clone(),
            published: d.article.published.clone(),
            dateline: d.article.dateline.clone(),
            sentences: d.sentences.len(),
            words: d.article.body.split_whitespace().count(),
            dropped: d.article.dropped.clone(),
            decoded_as: d.article.decoded_as.clone(),
        })
        .collect();
    Digest {
        schema_version: SCHEMA_VERSION,
        headline,
        date: story_date(corpus),
        method: cfg.method.name().to_string(),
        words: cfg.words,
        sources,
        summary,
        analysis: analyze(corpus, groups),
    }
}

/// The most common publication date of the story's articles (ties: earliest).
pub fn story_date(corpus: &Corpus) -> Option<chrono::NaiveDate> {
    let mut dates: Vec<chrono::NaiveDate> = corpus
        .docs
        .iter()
        .filter_map(|d| d.article.published.as_ref().map(|p| p.date))
        .collect();
    dates.sort();
    let mut best: Option<(chrono::NaiveDate, usize)> = None;
    for chunk in dates.chunk_by(|a, b| a == b) {
        if best.is_none_or(|(_, n)| chunk.len() > n) {
            best = Some((chunk[0], chunk.len()));
        }
    }
    best.map(|b| b.0)
}

/// A citation of one sentence.
pub fn cite(corpus: &Corpus, r: SentenceRef) -> Citation {
    let doc = &corpus.docs[r.article];
    let s = &doc.sentences[r.sentence];
    let p = &doc.article.paragraphs[s.paragraph];
    let file_span = p.source_offset.map(|off| {
        let start = off + (s.span.start - p.span.start);
        Span::new(start, start + s.span.len())
    });
    Citation {
        source: r.article + 1,
        article: doc.article.id.clone(),
        sentence: r.sentence,
        span: s.span,
        line: s.line,
        file_span,
        text: s.text.clone(),
    }
}

fn summary_sentence(corpus: &Corpus, groups: &SentenceGroups, r: SentenceRef) -> SummarySentence {
    let mut citations = vec![cite(corpus, r)];
    for &m in groups.members(r) {
        if m != r {
            citations.push(cite(corpus, m));
        }
    }
    SummarySentence {
        text: corpus.sentence(r).text.clone(),
        sources: groups.articles_carrying(r).iter().map(|a| a + 1).collect(),
        citations,
    }
}

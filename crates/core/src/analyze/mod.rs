//! The `analyze` stage: entities, quotes, numbers, timeline, agreement and
//! conflicts across the articles of a story.
//!
//! Every output item keeps the [`SentenceRef`](crate::model::SentenceRef)s
//! it was read from; where something is inferred (a speaker from "he
//! said", a date from "the following day") a `how` field says so. The
//! fields are described in `docs/analysis.md`.
//!
//! ```
//! use storyline_core::analyze::analyze;
//! use storyline_core::dedup::{near_duplicate_sentences, DedupConfig};
//! use storyline_core::text::Corpus;
//! let corpus = Corpus::build(Vec::new());
//! let groups = near_duplicate_sentences(&corpus, &DedupConfig::default());
//! let analysis = analyze(&corpus, &groups);
//! assert!(analysis.entities.is_empty());
//! ```

pub mod agreement;
pub mod entities;
pub(crate) mod lexicon;
pub mod numbers;
pub mod quotes;
pub mod similarity;
pub mod timeline;

pub use agreement::{Claim, Conflict, ConflictKind, Fact, Framing, OnlyIn, OnlyInFact, Support};
pub use entities::{Entity, EntityKind, Mention, MentionIndex, find_entities};
pub use numbers::{NumberFact, NumberKind, NumberMention};
pub use quotes::{Quote, QuoteOccurrence, find_quotes_in};
pub use timeline::{DateRange, Granularity, TemporalExpression, TimelineEvent};

use crate::dedup::SentenceGroups;
use crate::text::Corpus;
use serde::{Deserialize, Serialize};

/// The cross-source analysis of a story.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Analysis {
    /// People, organizations and places, variants merged.
    #[serde(default)]
    pub entities: Vec<Entity>,
    /// Direct quotes with speakers and the articles that carry them.
    #[serde(default)]
    pub quotes: Vec<Quote>,
    /// Numbers with what they count, merged across articles.
    #[serde(default)]
    pub numbers: Vec<NumberFact>,
    /// Dated events, ordered, merged across articles.
    #[serde(default)]
    pub timeline: Vec<TimelineEvent>,
    /// Facts and the sources that carry them (most widely carried first).
    #[serde(default)]
    pub facts: Vec<Fact>,
    /// Per source, what only it says.
    #[serde(default)]
    pub only_in: Vec<OnlyIn>,
    /// Sources that disagree on a date or a number.
    #[serde(default)]
    pub conflicts: Vec<Conflict>,
    /// Each source's headline and lead side by side.
    #[serde(default)]
    pub framing: Vec<Framing>,
}

/// Analyzes a story. Linear passes over its sentences, except for the
/// pairwise steps inside the story (similarity candidates from an inverted
/// index, and the merges of entity variants, quotes and events).
pub fn analyze(corpus: &Corpus, groups: &SentenceGroups) -> Analysis {
    let entities = find_entities(corpus);
    let mentions = MentionIndex::new(corpus, &entities);
    let quotes = find_quotes_in(corpus, &entities, &mentions);
    let links = similarity::Links::new(corpus, groups, &mentions);
    let exprs = timeline::all_expressions(corpus);
    let timeline = timeline::build_timeline(corpus, &exprs, &links);
    let numbers = numbers::find_numbers(corpus, &exprs);
    let (facts, only_in) = agreement::facts_of(corpus, &links);
    let conflicts = agreement::conflicts_of(corpus, &links, &exprs, &numbers);
    let framing = agreement::framing_of(corpus);
    Analysis {
        entities,
        quotes,
        numbers,
        timeline,
        facts,
        only_in,
        conflicts,
        framing,
    }
}

/// Helpers for the rule tests: stories built from paragraphs.
#[cfg(test)]
pub(crate) mod testutil {
    use crate::model::{Article, DateSource, Paragraph, Published, Span};
    use crate::text::Corpus;

    /// An article published on `date` (YYYY-MM-DD) with these paragraphs.
    pub fn article(date: &str, paragraphs: &[&str]) -> Article {
        let mut body = String::new();
        let mut paras = Vec::new();
        for (i, p) in paragraphs.iter().enumerate() {
            if i > 0 {
                body.push_str("\n\n");
            }
            let start = body.len();
            body.push_str(p);
            paras.push(Paragraph {
                span: Span::new(start, body.len()),
                line: i + 1,
                source_offset: None,
            });
        }
        Article {
            id: format!("test-{date}-{}", paragraphs.len()),
            source: None,
            path: "test".into(),
            title: paragraphs
                .first()
                .map(|p| p.to_string())
                .unwrap_or_default(),
            standfirst: None,
            published: chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
                .ok()
                .map(|d| Published {
                    date: d,
                    time: None,
                    how: DateSource::Metadata,
                    evidence: date.into(),
                }),
            dateline: None,
            language: "en".into(),
            body,
            paragraphs: paras,
            dropped: Vec::new(),
            decoded_as: None,
        }
    }

    /// A story of articles, each a list of paragraphs, all on one date.
    pub fn story(date: &str, articles: &[&[&str]]) -> Corpus {
        Corpus::build(articles.iter().map(|a| article(date, a)).collect())
    }
}

//! The `analyze` stage: entities, quotes, numbers, timeline, agreement and
//! conflicts across the articles of a story.
//!
//! Every output item keeps the [`SentenceRef`](crate::model::SentenceRef)s
//! it was read from; where something is inferred (a speaker from "he
//! said", a date from "the following day") a `how` field says so.

pub mod entities;
mod lexicon;
pub mod quotes;
pub mod similarity;
pub mod timeline;

pub use entities::{Entity, EntityKind, Mention, MentionIndex, find_entities};
pub use quotes::{Quote, QuoteOccurrence, find_quotes_in};
pub use timeline::{DateRange, Granularity, TemporalExpression, TimelineEvent};

use crate::dedup::SentenceGroups;
use crate::text::Corpus;
use serde::{Deserialize, Serialize};

/// The cross-source analysis of a story.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// People, organizations and places, variants merged.
    #[serde(default)]
    pub entities: Vec<Entity>,
    /// Direct quotes with speakers and the articles that carry them.
    #[serde(default)]
    pub quotes: Vec<Quote>,
    /// Dated events, ordered, merged across articles.
    #[serde(default)]
    pub timeline: Vec<TimelineEvent>,
}

/// Analyzes a story.
pub fn analyze(corpus: &Corpus, groups: &SentenceGroups) -> Analysis {
    let entities = find_entities(corpus);
    let mentions = MentionIndex::new(corpus, &entities);
    let quotes = find_quotes_in(corpus, &entities, &mentions);
    let links = similarity::Links::new(corpus, groups, &mentions);
    let exprs = timeline::all_expressions(corpus);
    let timeline = timeline::build_timeline(corpus, &exprs, &links);
    Analysis {
        entities,
        quotes,
        timeline,
    }
}

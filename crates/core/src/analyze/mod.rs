//! The `analyze` stage: entities, quotes, numbers, timeline, agreement and
//! conflicts across the articles of a story.

use crate::dedup::SentenceGroups;
use crate::text::Corpus;

/// The cross-source analysis of a story.
#[derive(
    Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct Analysis {}

/// Analyzes a story.
pub fn analyze(_corpus: &Corpus, _groups: &SentenceGroups) -> Analysis {
    Analysis {}
}

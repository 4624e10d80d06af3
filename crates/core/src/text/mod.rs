//! The `text` stage: sentences, tokens, stems, stop words, and the
//! per-story [`Corpus`] of term ids that later stages work on.

pub mod calendar;
mod corpus;
mod sentences;
pub mod sparse;
mod stopwords;
mod tokens;

pub use corpus::{Corpus, Doc, Vocab};
pub use sentences::{split_paragraph, split_sentences};
pub use stopwords::is_stop_word;
pub(crate) use tokens::content_stems_shared;
pub use tokens::{
    content_stems, count_words, is_budget_word, is_double_quote_mark, normalize_word, stem, words,
};

//! The data types that flow between the stages. Every type here is
//! serde-serializable; the JSON form of [`Digest`] is the stable interface
//! (see `docs/digest.schema.json`).

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into some text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default, schemars::JsonSchema,
)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A new span.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    /// True when the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// How a date was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// From structured metadata (HTML meta tags, JSON-LD, a JSONL field).
    Metadata,
    /// Read from a line of the article's text.
    Text,
    /// Not stated by the article: inferred (e.g. from the other articles of the story).
    Inferred,
}

/// When an article was published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Published {
    /// The calendar date.
    pub date: chrono::NaiveDate,
    /// The time of day, when given (no time zone is assumed).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub time: Option<chrono::NaiveTime>,
    /// How the date was found.
    pub how: DateSource,
    /// The text it was read from, or a sentence saying how it was inferred.
    pub evidence: String,
}

impl Published {
    /// ISO 8601 form: `2020-01-10` or `2020-01-10T17:36`.
    pub fn iso(&self) -> String {
        match self.time {
            Some(t) => format!("{}T{}", self.date, t.format("%H:%M")),
            None => self.date.to_string(),
        }
    }
}

/// Why the cleaner dropped a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DropReason {
    /// The title again.
    RepeatedTitle,
    /// The standfirst (summary line under the title).
    Standfirst,
    /// "3 min read" and similar widgets.
    ReadingTime,
    /// A line that only gives the publication date or time.
    DateLine,
    /// A photo caption or credit.
    PhotoCaption,
    /// Icon-font names and other glued UI strings.
    IconChrome,
    /// "Also on ...", "Read more: ..." and other related-article links.
    RelatedLink,
    /// "Share this story", "Follow us on ..." and other social prompts.
    SharePrompt,
    /// A section heading inside the article.
    SectionHeading,
    /// Bylines, copyright lines, newsletter boxes and other boilerplate.
    Boilerplate,
}

impl DropReason {
    /// A short human description.
    pub fn describe(&self) -> &'static str {
        match self {
            DropReason::RepeatedTitle => "repeated title",
            DropReason::Standfirst => "standfirst",
            DropReason::ReadingTime => "reading-time widget",
            DropReason::DateLine => "date line",
            DropReason::PhotoCaption => "photo caption with credit",
            DropReason::IconChrome => "icon-font chrome",
            DropReason::RelatedLink => "related-article link",
            DropReason::SharePrompt => "share or follow prompt",
            DropReason::SectionHeading => "section heading",
            DropReason::Boilerplate => "boilerplate",
        }
    }
}

/// A line of the input that is not part of the body, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DroppedLine {
    /// 1-based line number in the original file (0 when the input had no lines, e.g. HTML).
    pub line: usize,
    /// The line's text.
    pub text: String,
    /// Why it was dropped.
    pub reason: DropReason,
}

/// A body paragraph: where it sits in the cleaned body and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Paragraph {
    /// Byte range in [`Article::body`].
    pub span: Span,
    /// 1-based line of the original file the paragraph starts on (0 if unknown).
    pub line: usize,
    /// Byte offset in the original file where the kept text starts
    /// (after a stripped dateline, for example). `None` when the body was
    /// extracted from markup and has no one-to-one position.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub source_offset: Option<usize>,
}

/// A clean article: metadata and body paragraphs, with what was dropped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Article {
    /// Stable id: a hash of the source and path or URL (or the input's own id).
    pub id: String,
    /// Outlet or domain, when known.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub source: Option<String>,
    /// File path or URL the article was read from.
    pub path: String,
    /// Headline.
    pub title: String,
    /// The summary line under the headline, when the page has one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub standfirst: Option<String>,
    /// Publication date.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub published: Option<Published>,
    /// Dateline place ("NAIROBI"), stripped from the first sentence.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub dateline: Option<String>,
    /// ISO 639-1 language code.
    pub language: String,
    /// The cleaned body: paragraphs joined by a blank line.
    pub body: String,
    /// Body paragraphs, in order.
    pub paragraphs: Vec<Paragraph>,
    /// Lines dropped by the cleaner, with the reason for each.
    pub dropped: Vec<DroppedLine>,
    /// How the input was decoded when it was not clean UTF-8 (e.g. "windows-1252").
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub decoded_as: Option<String>,
}

impl Article {
    /// The text of a paragraph.
    pub fn paragraph_text(&self, p: &Paragraph) -> &str {
        &self.body[p.span.start..p.span.end]
    }
}

/// What kind of sentence this is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct SentenceFlags {
    /// Contains (or is inside) a direct quotation.
    pub quote: bool,
    /// A heading-like line (no final punctuation, title case).
    pub heading: bool,
    /// Ends without final punctuation (cut-off text).
    pub unterminated: bool,
}

/// Where a sentence is: the article (index in the story) and the sentence index.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
pub struct SentenceRef {
    /// Index of the article in the story's article list.
    pub article: usize,
    /// Index of the sentence in that article.
    pub sentence: usize,
}

/// A sentence of an article body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Sentence {
    /// Which paragraph of the article it belongs to.
    pub paragraph: usize,
    /// Byte range in [`Article::body`].
    pub span: Span,
    /// 1-based line in the original file (0 if unknown).
    pub line: usize,
    /// The text (trimmed).
    pub text: String,
    /// Flags.
    pub flags: SentenceFlags,
}

/// A story: articles about one event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Story {
    /// Stable id (hash of the first article's id).
    pub id: String,
    /// Article ids in the story, in arrival order.
    pub articles: Vec<String>,
    /// First publication date.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub first: Option<chrono::NaiveDate>,
    /// Last publication date.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub last: Option<chrono::NaiveDate>,
    /// The terms that characterize the story, most weighty first.
    pub key_terms: Vec<String>,
    /// Near-duplicates of the story's articles (syndicated copies): each
    /// names the article it duplicates. Not in `articles`; never dropped.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub carriers: Vec<Carrier>,
}

/// An article that is a near-duplicate of another (wire copy carried by
/// several outlets): kept as evidence that the outlets agree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Carrier {
    /// The duplicate's own id.
    pub id: String,
    /// Id of the article it duplicates (the one the story lists).
    pub duplicate_of: String,
    /// Outlet, when known.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub source: Option<String>,
    /// Path or URL.
    pub path: String,
    /// Estimated Jaccard similarity of the two texts' word 3-grams.
    pub similarity: f64,
}

/// A pointer from a statement of the digest to a source sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Citation {
    /// The source's number in the digest (1-based, as in the `[1]` markers).
    pub source: usize,
    /// The article's id.
    pub article: String,
    /// Sentence index in that article.
    pub sentence: usize,
    /// Byte range of the sentence in the article's cleaned body.
    pub span: Span,
    /// 1-based line of the original file the sentence is on (0 if unknown).
    pub line: usize,
    /// Byte range of the sentence in the original file, when the body maps
    /// one-to-one onto it (plain-text inputs).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub file_span: Option<Span>,
    /// The sentence as that article words it.
    pub text: String,
}

/// One sentence of the summary, with every source sentence that supports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SummarySentence {
    /// The sentence as shown: the text of the first citation, minus the
    /// byte ranges of `dropped`.
    pub text: String,
    /// Words of the source sentence left out of the summary (light
    /// compression: a dateline, a parenthetical, a relative clause, a
    /// weekday; never who said what): byte ranges of the first citation's
    /// `text`, sorted and disjoint. Only ever words left out, never added
    /// or changed words; empty (and absent) when the whole sentence is
    /// shown.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub dropped: Vec<Span>,
    /// Sources that carry it (1-based numbers, sorted).
    pub sources: Vec<usize>,
    /// The supporting sentences: the one shown first, then its near-duplicates.
    pub citations: Vec<Citation>,
    /// People this sentence names by a short form (a surname) or by "he" /
    /// "she", where the summary has not named them before it: who they are,
    /// read from the story's entities, quote attributions and the sentence
    /// before a sentence that opens with a pronoun. Notes beside the
    /// sentence; its text is never changed.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub names: Vec<NameNote>,
}

/// Who a short name or a pronoun in a summary sentence stands for (inferred:
/// the name's variants were merged into one entity by `analyze::entities`; a
/// pronoun is a quote's speaker as `analyze::quotes` found it, or the one
/// person named by the sentence before one that opens with the pronoun).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct NameNote {
    /// The words as the sentence writes them ("Ortagus", "he").
    pub written: String,
    /// Byte range of those words in the sentence's `text`.
    pub span: Span,
    /// The entity (`analysis.entities[].id`).
    pub entity: usize,
    /// The full name (the entity's canonical form, "Morgan Ortagus").
    pub name: String,
    /// A title the sources write before the name ("State Department spokeswoman").
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub title: Option<String>,
    /// A source sentence that writes the full name (the last before this
    /// sentence in its article where there is one).
    pub named_at: SentenceRef,
    /// How it was found: "short form" (of the name), the quote attribution a
    /// pronoun came from (`"he added": the previous speaker`), or `"He" opens
    /// the sentence: the one person the sentence before it in [k] names`.
    pub how: String,
}

/// One source article as the digest lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SourceInfo {
    /// 1-based number used in citation markers.
    pub number: usize,
    /// Article id.
    pub id: String,
    /// Outlet, when known.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub outlet: Option<String>,
    /// Path or URL.
    pub path: String,
    /// Headline.
    pub title: String,
    /// Publication date.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub published: Option<Published>,
    /// Dateline place.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub dateline: Option<String>,
    /// Body sentences.
    pub sentences: usize,
    /// Body words.
    pub words: usize,
    /// Lines the cleaner dropped, with reasons.
    pub dropped: Vec<DroppedLine>,
    /// How the input was decoded when it was not clean UTF-8.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub decoded_as: Option<String>,
}

/// A digest of one story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Digest {
    /// Version of this JSON layout (`docs/digest.schema.json`).
    pub schema_version: u32,
    /// The headline: the title of the source whose lead best represents the story.
    pub headline: String,
    /// The story's date (the most common publication date of its sources).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub date: Option<chrono::NaiveDate>,
    /// The summarization method used.
    pub method: String,
    /// The word budget.
    pub words: usize,
    /// The sources, numbered.
    pub sources: Vec<SourceInfo>,
    /// The summary, in reading order.
    pub summary: Vec<SummarySentence>,
    /// Cross-source analysis (entities, quotes, numbers, timeline, agreement, conflicts).
    #[serde(default)]
    pub analysis: crate::analyze::Analysis,
}

/// An article as a story listing shows it (`storyline stories --format json`, `export`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListedArticle {
    /// Id.
    pub id: String,
    /// Headline.
    pub title: String,
    /// Outlet.
    pub source: Option<String>,
    /// URL, when known.
    pub url: Option<String>,
    /// Path or URL it was read from.
    pub path: String,
    /// Publication date-time (ISO).
    pub published: Option<String>,
    /// The article it is a near-duplicate of.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub duplicate_of: Option<String>,
}

/// A story with its articles: what `storyline stories --format json` lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryListing {
    /// Story id.
    pub id: String,
    /// Headline.
    pub headline: String,
    /// First publication date.
    pub first: Option<String>,
    /// Last publication date.
    pub last: Option<String>,
    /// Key terms.
    pub key_terms: Vec<String>,
    /// A page kept alone for too little article text (nothing joins it).
    pub set_aside: bool,
    /// Why it was set aside ("no body text left after cleaning", "too
    /// little article text (12 words)"), when known.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub set_aside_reason: Option<String>,
    /// Articles, near-duplicates (with `duplicate_of`) included, in arrival order.
    pub articles: Vec<ListedArticle>,
}

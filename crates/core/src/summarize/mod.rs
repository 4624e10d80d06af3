//! The `summarize` stage: extractive summaries of a story under a word
//! budget. Every method implements [`Summarizer`]; [`Method`] is the closed
//! list of them, selectable by name.

mod centroid;
pub mod compress;
mod concepts;
mod coverage;
mod graph;
mod lead;
pub mod learned;
mod lexrank;
pub mod salience;
mod select;
mod textrank;

pub use centroid::Centroid;
pub use compress::Rules as CompressRules;
pub use concepts::Concepts;
pub use coverage::Coverage;
pub use lead::Lead;
pub use learned::{BigramTable, Learned, fit_logistic, training_rows};
pub use lexrank::LexRank;
pub use select::{count_words, cut_words, greedy_select};
pub use textrank::TextRank;

use crate::dedup::SentenceGroups;
use crate::model::{SentenceRef, Span};
use crate::text::Corpus;

/// How the word budget is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BudgetMode {
    /// Whole sentences only, never over the budget (digests).
    WholeSentences,
    /// The last sentence may overflow; the text is then cut at exactly the
    /// budget (benchmark convention).
    CutAtLimit,
}

/// A word budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Budget {
    /// Words.
    pub words: usize,
    /// How it is applied.
    pub mode: BudgetMode,
}

impl Budget {
    /// Whole sentences under `words`.
    pub fn whole(words: usize) -> Self {
        Budget {
            words,
            mode: BudgetMode::WholeSentences,
        }
    }
}

/// What a summarizer reads.
#[derive(Debug, Clone, Copy)]
pub struct SummaryInput<'a> {
    /// The story's text.
    pub corpus: &'a Corpus,
    /// Near-duplicate sentence groups (for redundancy and citations).
    pub groups: &'a SentenceGroups,
}

/// One sentence of a summary: a source sentence, and the byte ranges of
/// its text left out of the summary ([`compress`]): words of the source
/// sentence only, never added words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick {
    /// The source sentence.
    pub at: SentenceRef,
    /// Byte ranges of its text that the summary leaves out (sorted,
    /// disjoint; empty for the whole sentence).
    pub dropped: Vec<Span>,
}

impl Pick {
    /// The whole sentence.
    pub fn whole(at: SentenceRef) -> Self {
        Pick {
            at,
            dropped: Vec::new(),
        }
    }

    /// The text the summary shows: the sentence minus the dropped spans.
    pub fn text(&self, corpus: &Corpus) -> String {
        compress::apply(&corpus.sentence(self.at).text, &self.dropped)
    }
}

/// An extractive summarizer: picks sentences, in the order it ranks them.
pub trait Summarizer: Send + Sync {
    /// The method's name on the command line.
    fn name(&self) -> &'static str;
    /// The sentences of the summary, most important first.
    fn select(&self, input: SummaryInput<'_>, budget: Budget) -> Vec<SentenceRef>;
    /// The sentences of the summary with the spans each leaves out, most
    /// important first. Methods that do not compress give whole sentences.
    fn select_picks(&self, input: SummaryInput<'_>, budget: Budget) -> Vec<Pick> {
        self.select(input, budget)
            .into_iter()
            .map(Pick::whole)
            .collect()
    }
}

/// The summarization methods, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Leading sentences of the articles, in turn.
    Lead,
    /// TF-IDF centroid with position prior and redundancy removal.
    Centroid,
    /// LexRank: PageRank over TF-IDF cosine similarities.
    Lexrank,
    /// TextRank: PageRank over normalized word overlap.
    Textrank,
    /// Saturated word coverage plus learned bigram concepts, with support
    /// and lead priors, greedy budgeted maximization (`coverage.rs`).
    #[default]
    Coverage,
    /// Bigram concepts weighted by document frequency, each counted once
    /// (Gillick & Favre 2009), greedy budgeted maximization (`concepts.rs`).
    Concepts,
    /// Bigram concepts weighted by a learned model of the chance that a
    /// reference uses them (`learned.rs`), greedy budgeted maximization.
    Learned,
}

impl Method {
    /// All methods.
    pub const ALL: &'static [Method] = &[
        Method::Lead,
        Method::Centroid,
        Method::Lexrank,
        Method::Textrank,
        Method::Coverage,
        Method::Concepts,
        Method::Learned,
    ];

    /// The summarizer behind the name.
    pub fn summarizer(self) -> Box<dyn Summarizer> {
        match self {
            Method::Lead => Box::new(Lead),
            Method::Centroid => Box::new(Centroid::default()),
            Method::Lexrank => Box::new(LexRank::default()),
            Method::Textrank => Box::new(TextRank::default()),
            Method::Coverage => Box::new(Coverage::default()),
            Method::Concepts => Box::new(Concepts::default()),
            Method::Learned => Box::new(Learned::default()),
        }
    }

    /// Its name.
    pub fn name(self) -> &'static str {
        match self {
            Method::Lead => "lead",
            Method::Centroid => "centroid",
            Method::Lexrank => "lexrank",
            Method::Textrank => "textrank",
            Method::Coverage => "coverage",
            Method::Concepts => "concepts",
            Method::Learned => "learned",
        }
    }
}

/// Sentences a summary may use: not headings, not cut off, not prompts to
/// the reader ([`crate::clean::rules::is_reader_prompt`]), at least
/// `min_words` words; in story order.
pub(crate) fn candidates(
    corpus: &Corpus,
    min_words: usize,
) -> impl Iterator<Item = SentenceRef> + '_ {
    corpus.refs().filter(move |&r| {
        let s = corpus.sentence(r);
        !s.flags.heading
            && !s.flags.unterminated
            && corpus.length(r) >= min_words
            && !crate::clean::rules::is_reader_prompt(&s.text)
    })
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Method {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Method::ALL
            .iter()
            .copied()
            .find(|m| m.name() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Method::ALL.iter().map(|m| m.name()).collect();
                format!("unknown method {s:?} (one of: {})", names.join(", "))
            })
    }
}

/// Orders summary sentences for reading (`at` gives each one's source
/// sentence): by article date where dates differ, then by relative position
/// in the article.
pub fn reading_order<T>(corpus: &Corpus, picked: &mut [T], at: impl Fn(&T) -> SentenceRef) {
    picked.sort_by(|a, b| {
        let (a, b) = (at(a), at(b));
        let da = corpus.docs[a.article]
            .article
            .published
            .as_ref()
            .map(|p| (p.date, p.time));
        let db = corpus.docs[b.article]
            .article
            .published
            .as_ref()
            .map(|p| (p.date, p.time));
        let pa = a.sentence as f64 / corpus.docs[a.article].sentences.len().max(1) as f64;
        let pb = b.sentence as f64 / corpus.docs[b.article].sentences.len().max(1) as f64;
        let day_a = da.map(|d| d.0);
        let day_b = db.map(|d| d.0);
        day_a.cmp(&day_b).then(pa.total_cmp(&pb)).then(a.cmp(&b))
    });
}

/// Plain-text articles (`0.txt`, `1.txt` ...), cleaned, as one story
/// (unit tests).
#[cfg(test)]
fn test_corpus(texts: &[&str]) -> crate::text::Corpus {
    crate::text::Corpus::build(
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| crate::clean::clean(&crate::ingest::RawDoc::text(format!("{i}.txt"), *t)))
            .collect(),
    )
}

/// The bundled example's articles, cleaned, as one story (unit tests).
#[cfg(test)]
fn example_corpus() -> crate::text::Corpus {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/iraq-2020-01-10");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("example directory")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 3, "example articles found");
    let arts = paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("readable");
            crate::clean::clean(&crate::ingest::RawDoc::text(p.display().to_string(), text))
        })
        .collect();
    crate::text::Corpus::build(arts)
}

//! Summaries of evaluation clusters: documents → articles → corpus →
//! summarizer → the benchmark text (cut at exactly the word budget).

use serde::{Deserialize, Serialize};

use super::datasets::EvalCluster;
use crate::clean::BodyBuilder;
use crate::clean::wrap::text_lines;
use crate::dedup::{DedupConfig, near_duplicate_sentences};
use crate::model::{Article, SentenceRef};
use crate::summarize::{
    Budget, BudgetMode, Method, Summarizer, SummaryInput, cut_words, reading_order,
};
use crate::text::Corpus;

/// Turns a cluster's documents into articles without cleaning: each
/// non-empty line is a paragraph (the lines of a hard-wrapped paragraph
/// joined, [`text_lines`]), the first without its dateline
/// ("WASHINGTON (AP) _ ", as `clean` strips it); the title is the
/// document's own, if any.
pub fn cluster_articles(cluster: &EvalCluster) -> Vec<Article> {
    cluster
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let mut body = BodyBuilder::default();
            for line in text_lines(&d.text) {
                if !line.text.is_empty() {
                    body.push(&line.text, line.no, None);
                }
            }
            Article {
                id: d
                    .id
                    .clone()
                    .unwrap_or_else(|| format!("{}-{}", cluster.id, i)),
                source: d.source.clone(),
                path: format!("{}#{}", cluster.id, i),
                title: d.title.clone().unwrap_or_default(),
                standfirst: None,
                published: None,
                dateline: body.dateline,
                language: "en".into(),
                body: body.text,
                paragraphs: body.paragraphs,
                dropped: Vec::new(),
                decoded_as: None,
            }
        })
        .collect()
}

/// One sentence of a system summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryLine {
    /// Where it comes from.
    #[serde(flatten)]
    pub at: SentenceRef,
    /// Its text (the last one may be cut at the budget): the source
    /// sentence minus `dropped`.
    pub text: String,
    /// Byte ranges of the source sentence's text left out (compression).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub dropped: Vec<crate::model::Span>,
    /// The whole source sentence, when some of it was left out.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub source: Option<String>,
}

/// A system summary of one cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SystemSummary {
    /// The cluster's id.
    pub id: String,
    /// The sentences, in summary order.
    pub sentences: Vec<SummaryLine>,
}

impl SystemSummary {
    /// The sentences' texts.
    pub fn texts(&self) -> Vec<&str> {
        self.sentences.iter().map(|s| s.text.as_str()).collect()
    }
}

/// Summarizes a cluster with `method` under `budget`. In
/// [`BudgetMode::CutAtLimit`] the text is cut at exactly `budget.words`
/// whitespace-separated words (the benchmark convention).
pub fn summarize_cluster(cluster: &EvalCluster, method: Method, budget: Budget) -> SystemSummary {
    summarize_cluster_with(cluster, method.summarizer().as_ref(), budget)
}

/// [`summarize_cluster`] with a given summarizer (a method with other
/// settings, e.g. coverage without compression).
pub fn summarize_cluster_with(
    cluster: &EvalCluster,
    summarizer: &dyn Summarizer,
    budget: Budget,
) -> SystemSummary {
    let articles: Vec<Article> = cluster_articles(cluster)
        .into_iter()
        .filter(|a| !a.body.is_empty())
        .collect();
    let corpus = Corpus::build(articles);
    let groups = near_duplicate_sentences(&corpus, &DedupConfig::default());
    let input = SummaryInput {
        corpus: &corpus,
        groups: &groups,
    };
    let picked = summarizer.select_picks(input, budget);
    let mut used = 0usize;
    let mut sentences = Vec::with_capacity(picked.len());
    let mut cut = false;
    for pick in picked {
        if used >= budget.words {
            break;
        }
        let r = pick.at;
        // The sentence as the summary shows it: the source sentence minus
        // the spans the summarizer left out (none for most methods).
        let text = pick.text(&corpus);
        let n = if pick.dropped.is_empty() {
            corpus.length(r)
        } else {
            crate::text::count_words(&text)
        };
        let text = if used + n > budget.words {
            if budget.mode == BudgetMode::WholeSentences {
                continue;
            }
            cut = true;
            cut_words(&text, budget.words - used)
        } else {
            text
        };
        used += n.min(budget.words - used);
        let source = (!pick.dropped.is_empty()).then(|| corpus.sentence(r).text.clone());
        sentences.push(SummaryLine {
            at: r,
            text,
            dropped: pick.dropped,
            source,
        });
    }
    // Read in story order, as the digest shows a summary; a sentence cut
    // at the budget stays last (the benchmark convention cuts the text's
    // end), so the words scored are the same as in selection order.
    let whole = sentences.len() - usize::from(cut);
    reading_order(&corpus, &mut sentences[..whole], |l| l.at);
    SystemSummary {
        id: cluster.id.clone(),
        sentences,
    }
}

/// Training rows for the learned bigram weights
/// ([`crate::summarize::training_rows`]): the features of each bigram of
/// the cluster's documents, labelled by whether its first reference
/// summary uses the bigram. The reference is tokenized as an extra article
/// of the same corpus, so that its words get the same ids.
pub fn concept_training_rows(
    cluster: &EvalCluster,
) -> (Vec<[f32; crate::summarize::learned::N_FEATURES]>, Vec<bool>) {
    match with_reference(cluster) {
        Some((corpus, n_docs)) => crate::summarize::training_rows(&corpus, n_docs),
        None => (Vec::new(), Vec::new()),
    }
}

/// The training rows of the sentence salience model for one cluster
/// ([`crate::summarize::salience::sentence_training_rows`]): each candidate
/// sentence's features, labelled by the share of its bigrams in the
/// cluster's first reference summary.
pub fn salience_training_rows(
    cluster: &EvalCluster,
) -> (
    Vec<[f32; crate::summarize::salience::N_SENT_FEATURES]>,
    Vec<f32>,
) {
    match with_reference(cluster) {
        Some((corpus, n_docs)) => crate::summarize::salience::sentence_training_rows(
            &corpus,
            n_docs,
            crate::summarize::Coverage::default().min_words,
        ),
        None => (Vec::new(), Vec::new()),
    }
}

/// The cluster's articles with its first reference summary as an extra
/// last article, and the number of articles before it.
fn with_reference(cluster: &EvalCluster) -> Option<(Corpus, usize)> {
    let reference = cluster.summaries.first()?;
    let mut articles: Vec<Article> = cluster_articles(cluster)
        .into_iter()
        .filter(|a| !a.body.is_empty())
        .collect();
    let n_docs = articles.len();
    if n_docs == 0 {
        return None;
    }
    let reference = EvalCluster {
        id: cluster.id.clone(),
        documents: vec![super::datasets::ClusterDoc {
            text: reference.clone(),
            ..Default::default()
        }],
        summaries: Vec::new(),
    };
    articles.extend(cluster_articles(&reference));
    Some((Corpus::build(articles), n_docs))
}
